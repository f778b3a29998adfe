// threads_fuzzer: graph_fuzzer's programs with every operation on one of three threads.
//
// Thread 0 is the host thread; threads 1 and 2 are workers that live as long as the
// process, each with its own thread state (executor/worker_threads.h). Operations run in
// program order, one at a time, the GIL handed over explicitly, so a finding replays
// exactly: build a cycle on thread 2, drop its roots on thread 0, collect from thread 1
// (the PyO3 unsendable report, ../shared/seeds/003). Finalizers and weakref callbacks run
// on the thread whose collection reaches them. After the final step every worker collects
// too: objects of thread-affine kinds are then collected by their own thread, as a
// program that lets each thread clean up would have them.
#include <cstddef>
#include <cstdint>

#include "executor/executor.h"
#include "fixtures/abort_attribution.h"
#include "embedding/run_embedding.h"
#include "generators/custom_mutator.h"
#include "generators/fuzz_input.h"
#include "generators/target_limits.h"
#include "report/setup_failure.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

const gcfuzz::gen::Limits g_limits = *gcfuzz::gen::LimitsOfTarget("threads_fuzzer");
gcfuzz::exec::Executor* g_executor = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  gcfuzz::exec::ExecutorOptions options = gcfuzz::embedding::ExecutorOptionsForThisRun();
  options.worker_threads = g_limits.max_threads - 1;  // thread 0 is the host's
  try {
    g_executor = &gcfuzz::exec::Executor::Start(options);
  } catch (const gcfuzz::report::SetupError& error) {
    gcfuzz::report::ExitOnSetupFailure(error);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // libFuzzer's SIGABRT handler exists only now; the affinity panic aborts.
  gcfuzz::fixtures::ChainAbortAttribution();
  if (const gcfuzz::gen::Program* written = gcfuzz::gen::RecentProgram(data, size)) {
    g_executor->RunInput(*written);
    return 0;
  }
  gcfuzz::gen::FuzzInputProgram input =
      gcfuzz::gen::ProgramFromFuzzInput(data, size, g_executor->catalog(), g_limits);
  g_executor->RunInput(input.program);
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  return gcfuzz::gen::MutateFuzzInput(data, size, max_size, seed, g_executor->catalog(), g_limits,
                                      LLVMFuzzerMutate);
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, size_t size1,
                                            const uint8_t* data2, size_t size2, uint8_t* out,
                                            size_t max_out_size, unsigned int seed) {
  return gcfuzz::gen::CrossOverFuzzInputs(data1, size1, data2, size2, out, max_out_size, seed,
                                          g_executor->catalog(), g_limits);
}
