// stress_fuzzer: several of graph_fuzzer's programs at once, one per thread, free-running.
//
// threads_fuzzer runs operations in lock-step, so it replays exactly and never races. This
// target is for the races lock-step cannot produce: an input is split into N equal slices,
// each decoded into a program (generators/fuzz_input.h) that runs whole on worker i, all N
// at once, the GIL passing between them every switch interval (1 us by default, against the
// interpreter's 5 ms), so collections started by one thread meet objects, finalizers and
// weakref callbacks of the others mid-operation. Each program's hooks run only in its own
// run (executor/hooks.h). After the programs, every worker collects, then the host's
// per-input protocol and the leak oracle, as for every target.
//
// Not deterministic by design: ./gcfuzz stress saves each finding with what re-runs it
// (the input, the thread count, the switch interval, what was armed) and re-runs it to
// report its reproduction rate.
//
//   GCFUZZ_STRESS_THREADS   N programs and threads per input, 2..8 (default 4)
//   GCFUZZ_SWITCH_INTERVAL  sys.setswitchinterval() in seconds, (0, 0.1] (default 1e-6)
#include <Python.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "executor/executor.h"
#include "fixtures/abort_attribution.h"
#include "embedding/run_embedding.h"
#include "generators/fuzz_input.h"
#include "generators/target_limits.h"
#include "host/gil.h"
#include "report/setup_failure.h"

namespace {

constexpr int kDefaultThreads = 4;
constexpr int kMaxThreads = 8;
constexpr double kDefaultSwitchInterval = 1e-6;

const gcfuzz::gen::Limits g_limits = *gcfuzz::gen::LimitsOfTarget("stress_fuzzer");
gcfuzz::exec::Executor* g_executor = nullptr;
int g_threads = kDefaultThreads;

[[noreturn]] void BadSetting(const char* name, const char* value, const char* expected) {
  throw gcfuzz::report::SetupError(std::string(name) + "=" + value + ": expected " + expected);
}

int ThreadsFromEnvironment() {
  const char* value = std::getenv("GCFUZZ_STRESS_THREADS");
  if (value == nullptr || *value == '\0') return kDefaultThreads;
  char* end = nullptr;
  const long threads = std::strtol(value, &end, 10);
  if (*end != '\0' || threads < 2 || threads > kMaxThreads) {
    BadSetting("GCFUZZ_STRESS_THREADS", value, "an integer from 2 to 8");
  }
  return static_cast<int>(threads);
}

double SwitchIntervalFromEnvironment() {
  const char* value = std::getenv("GCFUZZ_SWITCH_INTERVAL");
  if (value == nullptr || *value == '\0') return kDefaultSwitchInterval;
  char* end = nullptr;
  const double seconds = std::strtod(value, &end);
  if (*end != '\0' || !(seconds > 0 && seconds <= 0.1)) {
    BadSetting("GCFUZZ_SWITCH_INTERVAL", value, "seconds, above 0 and at most 0.1");
  }
  return seconds;
}

void SetSwitchInterval(double seconds) {
  gcfuzz::host::GilScope gil;
  const std::string code = "import sys\nsys.setswitchinterval(" + std::to_string(seconds) + ")\n";
  // PyRun_SimpleString has printed the Python error already.
  if (PyRun_SimpleString(code.c_str()) != 0) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", seconds);
    throw gcfuzz::report::SetupError(std::string("cannot set the switch interval to ") + text + " s");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  try {
    g_threads = ThreadsFromEnvironment();
    const double switch_interval = SwitchIntervalFromEnvironment();
    gcfuzz::exec::ExecutorOptions options = gcfuzz::embedding::ExecutorOptionsForThisRun();
    options.worker_threads = g_threads;
    g_executor = &gcfuzz::exec::Executor::Start(options);
    SetSwitchInterval(switch_interval);
    std::fprintf(stderr, "gcfuzz stress: %d threads, switch interval %g s\n", g_threads,
                 switch_interval);
  } catch (const gcfuzz::report::SetupError& error) {
    gcfuzz::report::ExitOnSetupFailure(error);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // libFuzzer's SIGABRT handler exists only now; the affinity panic aborts.
  gcfuzz::fixtures::ChainAbortAttribution();
  // Equal slices, the last one taking the remainder: every byte string is N programs.
  std::vector<gcfuzz::gen::Program> programs;
  programs.reserve(g_threads);
  const size_t slice = size / g_threads;
  for (int i = 0; i < g_threads; ++i) {
    const size_t begin = slice * i;
    const size_t length = i + 1 == g_threads ? size - begin : slice;
    programs.push_back(
        gcfuzz::gen::ProgramFromFuzzInput(data + begin, length, g_executor->catalog(), g_limits)
            .program);
  }
  g_executor->RunConcurrentInput(programs);
  return 0;
}
