// graph_fuzzer: random object graphs of the fixture catalog, with drops, weakref callbacks,
// finalizers and collections, run in the embedded interpreter under ASan and UBSan.
//
// Each input is a program (generators/fuzz_input.h: serialized when it starts with the
// magic, otherwise decoded); the executor runs it through the host's per-input protocol,
// and the fixtures' oracles, the executor's and the sanitizers' report what goes wrong.
// Defects are armed with GCFUZZ_PLANT=id[,id...] (see ./gcfuzz bugs); nothing armed is a
// sound catalog that must never produce a finding.
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

const gcfuzz::gen::Limits g_limits = *gcfuzz::gen::LimitsOfTarget("graph_fuzzer");
gcfuzz::exec::Executor* g_executor = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  try {
    g_executor = &gcfuzz::exec::Executor::Start(gcfuzz::embedding::ExecutorOptionsForThisRun());
  } catch (const gcfuzz::report::SetupError& error) {
    gcfuzz::report::ExitOnSetupFailure(error);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // libFuzzer's SIGABRT handler exists only now; a debug build's assertion aborts.
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
  return gcfuzz::gen::MutateFuzzInput(data, size, max_size, seed, g_executor->catalog(),
                                      g_limits, LLVMFuzzerMutate);
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, size_t size1,
                                            const uint8_t* data2, size_t size2, uint8_t* out,
                                            size_t max_out_size, unsigned int seed) {
  return gcfuzz::gen::CrossOverFuzzInputs(data1, size1, data2, size2, out, max_out_size, seed,
                                          g_executor->catalog(), g_limits);
}
