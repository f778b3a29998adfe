#include "bench/auto_gc_bench.h"

#include <benchmark/benchmark.h>

#include <string>

#include "bench/collection.h"
#include "bench/embedded_python.h"
#include "host/python_error.h"

namespace gcfuzz::bench {
namespace {

// The numbers auto_workload.run() returns, reported as counters under the same names.
const char* const kCounters[] = {
    "pause_p50_ns",     "pause_p99_ns",     "pause_max_ns",     "collections_per_s",
    "gc_time_share",    "gen0_collections", "gen1_collections", "gen2_collections",
    "requests_per_s"};

void RunWorkload(benchmark::State& state, double seconds) {
  for (auto _ : state) {
    CollectFully();
    PyObject* result = PyObject_CallMethod(WorkloadModule(), "run", "d", seconds);
    if (result == nullptr) {
      state.SkipWithError(("auto_workload.run raised: " + host::TakePythonError()).c_str());
      break;
    }
    for (const char* name : kCounters) {
      PyObject* value = PyDict_GetItemString(result, name);  // borrowed
      state.counters[name] = value ? PyFloat_AsDouble(value) : 0.0;
    }
    PyObject* elapsed = PyDict_GetItemString(result, "elapsed_ns");
    state.SetIterationTime(elapsed ? PyFloat_AsDouble(elapsed) / 1e9 : seconds);
    Py_DECREF(result);
  }
}

}  // namespace

void RegisterAutoGcBenchmark(bool quick) {
  double seconds = quick ? 1.5 : 5.0;
  benchmark::RegisterBenchmark("auto/service_window",
                               [seconds](benchmark::State& state) { RunWorkload(state, seconds); })
      ->UseManualTime()
      ->Iterations(1)
      ->Repetitions(quick ? 3 : 5)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace gcfuzz::bench
