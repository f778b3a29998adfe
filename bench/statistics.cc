#include "bench/statistics.h"

#include <algorithm>
#include <cmath>

namespace gcfuzz::bench {

double Minimum(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::min_element(values.begin(), values.end());
}

double Maximum(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

double Percentile99(const std::vector<double>& values) {
  if (values.empty()) return 0;
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  auto rank = static_cast<size_t>(std::ceil(0.99 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

benchmark::internal::Benchmark* WithPauseStatistics(benchmark::internal::Benchmark* bench) {
  return bench->ComputeStatistics("min", Minimum)
      ->ComputeStatistics("p99", Percentile99)
      ->ComputeStatistics("max", Maximum);
}

}  // namespace gcfuzz::bench
