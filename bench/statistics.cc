#include "bench/statistics.h"

#include <algorithm>

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
  // Nearest rank ceil(0.99 n), in integers: exact for every n by construction.
  size_t rank = (99 * sorted.size() + 99) / 100;
  return sorted[rank - 1];
}

}  // namespace gcfuzz::bench
