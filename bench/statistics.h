// The pause distribution beyond Google Benchmark's mean / median / stddev / cv: the
// extremes matter for pauses, so every pause benchmark also reports min, p99 and max over
// its repetitions (one collection each).
#pragma once

#include <benchmark/benchmark.h>

#include <vector>

namespace gcfuzz::bench {

double Minimum(const std::vector<double>& values);
double Maximum(const std::vector<double>& values);
// Nearest-rank 99th percentile: with fewer than 100 repetitions it is the maximum.
double Percentile99(const std::vector<double>& values);

// Adds min, p99 and max to a benchmark's aggregates.
benchmark::internal::Benchmark* WithPauseStatistics(benchmark::internal::Benchmark* bench);

}  // namespace gcfuzz::bench
