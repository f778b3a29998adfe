#include "bench/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

namespace gcfuzz::bench {
namespace {

std::vector<double> Shuffled(int n) {
  std::vector<double> values(n);
  std::iota(values.begin(), values.end(), 1.0);  // 1, 2, ..., n
  std::shuffle(values.begin(), values.end(), std::mt19937(7));
  return values;
}

TEST(Statistics, MinimumAndMaximumIgnoreOrder) {
  std::vector<double> values = {3.5, -1.0, 8.25, 0.0};
  EXPECT_EQ(Minimum(values), -1.0);
  EXPECT_EQ(Maximum(values), 8.25);
}

TEST(Statistics, EmptyIsZero) {
  EXPECT_EQ(Minimum({}), 0);
  EXPECT_EQ(Maximum({}), 0);
  EXPECT_EQ(Percentile99({}), 0);
}

TEST(Statistics, Percentile99IsTheNearestRank) {
  // ceil(0.99 n)-th smallest of 1..n.
  EXPECT_EQ(Percentile99(Shuffled(1)), 1);
  EXPECT_EQ(Percentile99(Shuffled(27)), 27);    // fewer than 100: the maximum
  EXPECT_EQ(Percentile99(Shuffled(99)), 99);
  EXPECT_EQ(Percentile99(Shuffled(100)), 99);   // not the maximum any more
  EXPECT_EQ(Percentile99(Shuffled(101)), 100);
  EXPECT_EQ(Percentile99(Shuffled(200)), 198);
  EXPECT_EQ(Percentile99(Shuffled(1000)), 990);
}

TEST(Statistics, Percentile99LeavesItsInputAlone) {
  std::vector<double> values = Shuffled(50);
  std::vector<double> copy = values;
  Percentile99(values);
  EXPECT_EQ(values, copy);
}

}  // namespace
}  // namespace gcfuzz::bench
