#include "bench/pause_bench.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "bench/collection.h"
#include "bench/graph.h"
#include "bench/measurement_policy.h"
#include "bench/statistics.h"

namespace gcfuzz::bench {
namespace {

// An alive graph collected fully does not change, so its repetitions share one build; the
// graph is replaced (and the old one collected, untimed) when another case starts.
struct AliveCache {
  std::string name;
  Graph graph;
};

AliveCache& TheAliveCache() {
  static AliveCache cache;
  return cache;
}

void DropAliveCache() {
  AliveCache& cache = TheAliveCache();
  if (cache.graph.empty()) return;
  cache.graph.Release();
  cache.name.clear();
  CollectFully();
}

struct Sample {
  Collection collection;
  long objects = 0;
  long edges = 0;
};

bool CheckCollected(const PauseCase& c, const Sample& sample, std::string* error) {
  bool ok = c.graph.alive ? sample.collection.collected == 0
                          : sample.collection.collected >= sample.objects;
  if (!ok) {
    *error = c.name + ": gc.collect() found " + std::to_string(sample.collection.collected) +
             " unreachable objects, expected " + (c.graph.alive ? "0" : "at least ") +
             (c.graph.alive ? "" : std::to_string(sample.objects));
  }
  return ok;
}

bool MeasureAliveFull(const PauseCase& c, Sample* sample, std::string* error) {
  AliveCache& cache = TheAliveCache();
  if (cache.name != c.name) {
    DropAliveCache();
    if (!cache.graph.Build(c.graph, error)) return false;
    cache.name = c.name;
    CollectFully();  // the graph now sits in the oldest generation, as it will from now on
  }
  sample->objects = cache.graph.objects();
  sample->edges = cache.graph.edges();
  return TimedCollect(c.generation, &sample->collection, error);
}

// A fresh graph per collection: garbage is gone after one, and an alive graph leaves the
// young generation after one.
bool MeasureFresh(const PauseCase& c, Sample* sample, std::string* error) {
  DropAliveCache();
  Graph graph;
  if (!graph.Build(c.graph, error)) return false;
  sample->objects = graph.objects();
  sample->edges = graph.edges();
  if (!c.graph.alive) graph.DropHolder();
  bool ok = TimedCollect(c.generation, &sample->collection, error);
  graph.Release();
  if (c.graph.alive) CollectFully();
  return ok;
}

bool Measure(const PauseCase& c, Sample* sample, std::string* error) {
  if (c.graph.shape == "empty") return TimedCollect(c.generation, &sample->collection, error);
  bool ok = c.graph.alive && c.generation == kOldestGeneration
                ? MeasureAliveFull(c, sample, error)
                : MeasureFresh(c, sample, error);
  return ok && CheckCollected(c, *sample, error);
}

// Google Benchmark runs a case's repetitions back to back, each a call of RunPause; what
// spans them (the warm-up, the retry budget) lives here, reset when another case starts.
struct CaseProgress {
  std::string name;
  int retries = 0;
};

CaseProgress& TheCaseProgress() {
  static CaseProgress progress;
  return progress;
}

// A disturbed reading (measurement_policy.h) holds another process's time slice, so it is
// measured again, on a fresh graph when the case needs one, while the case's budget lasts.
bool MeasureUndisturbed(const PauseCase& c, Sample* sample, int* retries, std::string* error) {
  CaseProgress& progress = TheCaseProgress();
  for (int attempt = 1;; ++attempt) {
    if (!Measure(c, sample, error)) return false;
    const Collection& collection = sample->collection;
    if (!MeasureAgain(collection.preempted, collection.seconds, attempt, progress.retries,
                      c.repetitions)) {
      return true;
    }
    ++*retries;
    ++progress.retries;
  }
}

// The first call of a case (or the first after another case ran) takes the warm-up readings.
bool StartCase(const PauseCase& c, std::string* error) {
  CaseProgress& progress = TheCaseProgress();
  if (progress.name == c.name) return true;
  progress = CaseProgress{};
  for (int reading = 0; reading < kWarmUpReadings; ++reading) {
    Sample ignored;
    if (!Measure(c, &ignored, error)) return false;
  }
  progress.name = c.name;
  return true;
}

// The 1-minute load average while the case runs: a CV is only worth quoting when the
// machine was quiet enough (bench/README.md, "Noise"), and the load at the start or the end
// of a run says little about a case in the middle of it.
double LoadAverage() {
  double load[1] = {-1};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

void RunPause(benchmark::State& state, const PauseCase& c) {
  std::string error;
  if (!StartCase(c, &error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  for (auto _ : state) {
    Sample sample;
    int retries = 0;
    if (!MeasureUndisturbed(c, &sample, &retries, &error)) {
      state.SkipWithError(error.c_str());
      break;
    }
    double ns = sample.collection.seconds * 1e9;
    state.SetIterationTime(sample.collection.seconds);
    state.counters["collected"] = static_cast<double>(sample.collection.collected);
    state.counters["preempted"] = sample.collection.preempted ? 1 : 0;
    state.counters["retries"] = retries;
    state.counters["offcpu_us"] =
        OffCpuSeconds(sample.collection.seconds, sample.collection.cpu_seconds) * 1e6;
    state.counters["load1"] = LoadAverage();
    if (sample.objects > 0) {
      state.counters["objects"] = static_cast<double>(sample.objects);
      state.counters["ns_per_object"] = ns / static_cast<double>(sample.objects);
    }
    if (sample.edges > 0) state.counters["ns_per_edge"] = ns / static_cast<double>(sample.edges);
  }
}

// min, p99 and max join Google Benchmark's aggregates (statistics.h).
benchmark::internal::Benchmark* WithPauseStatistics(benchmark::internal::Benchmark* bench) {
  return bench->ComputeStatistics("min", Minimum)
      ->ComputeStatistics("p99", Percentile99)
      ->ComputeStatistics("max", Maximum);
}

}  // namespace

void RegisterPauseBenchmarks(const std::vector<PauseCase>& plan) {
  for (const PauseCase& c : plan) {
    auto* bench = benchmark::RegisterBenchmark(
        c.name.c_str(), [c](benchmark::State& state) { RunPause(state, c); });
    WithPauseStatistics(bench->UseManualTime()
                            ->Iterations(1)
                            ->Repetitions(c.repetitions)
                            ->Unit(benchmark::kMicrosecond));
  }
}

}  // namespace gcfuzz::bench
