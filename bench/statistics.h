// The pause distribution beyond Google Benchmark's mean / median / stddev / cv: the
// extremes matter for pauses, so every pause benchmark also reports min, p99 and max over
// its repetitions (one collection each). Plain C++: pause_bench.cc hands these to Google
// Benchmark, the fuzz preset's tests check them.
#pragma once

#include <vector>

namespace gcfuzz::bench {

double Minimum(const std::vector<double>& values);
double Maximum(const std::vector<double>& values);
// Nearest-rank 99th percentile: with fewer than 100 repetitions it is the maximum.
double Percentile99(const std::vector<double>& values);

}  // namespace gcfuzz::bench
