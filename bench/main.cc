// gc_pause_bench: Google Benchmark's main, after the embedded interpreter is up.
//
//   gc_pause_bench [--gcfuzz_quick] [Google Benchmark flags]
//
// --gcfuzz_quick selects the short plan (suite_plan.cc); everything else is the library's
// (--benchmark_filter, --benchmark_out=FILE --benchmark_out_format=json, ...).
#include <benchmark/benchmark.h>

#include <cstring>

#include "bench/auto_gc_bench.h"
#include "bench/embedded_python.h"
#include "bench/pause_bench.h"
#include "bench/suite_context.h"
#include "bench/suite_plan.h"
#include "report/setup_failure.h"

namespace {

// Removes flag from argv; true if it was there.
bool TakeFlag(int* argc, char** argv, const char* flag) {
  bool found = false;
  int kept = 0;
  for (int i = 0; i < *argc; ++i) {
    if (i > 0 && std::strcmp(argv[i], flag) == 0) {
      found = true;
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
  return found;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gcfuzz::bench;
  bool quick = TakeFlag(&argc, argv, "--gcfuzz_quick");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    StartEmbeddedPython();
  } catch (const gcfuzz::report::SetupError& error) {
    gcfuzz::report::ExitOnSetupFailure(error);
  }
  AddSuiteContext(quick);  // imports sysconfig: its objects must be frozen with the rest
  FreezeSuiteHeap();       // last: from here on a collection examines the graph alone
  AddHeapContext();
  RegisterPauseBenchmarks(PausePlan(quick));
  RegisterAutoGcBenchmark(quick);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
