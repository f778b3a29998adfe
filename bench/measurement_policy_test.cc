#include "bench/measurement_policy.h"

#include <gtest/gtest.h>

namespace gcfuzz::bench {
namespace {

TEST(MeasurementPolicy, OffCpuTimeIsWallMinusCpuNeverNegative) {
  EXPECT_DOUBLE_EQ(OffCpuSeconds(0.010, 0.006), 0.004);
  // The CPU clock is read outside the wall clock, so an undisturbed reading has more CPU
  // time than wall time.
  EXPECT_EQ(OffCpuSeconds(0.010, 0.0100005), 0);
}

TEST(MeasurementPolicy, AnUndisturbedReadingIsKept) {
  EXPECT_FALSE(Disturbed(0.008, 0.0080004));
  EXPECT_FALSE(Disturbed(3e-6, 3e-6));
}

TEST(MeasurementPolicy, ATimeSliceOfAnotherProcessDisturbs) {
  // 8 ms collection plus a 4 ms slice (one scheduler tick at HZ=250) of another process.
  EXPECT_TRUE(Disturbed(0.012, 0.008));
}

TEST(MeasurementPolicy, TheToleranceIsAShareOfTheReading) {
  double wall = 0.010;
  double allowed = kOffCpuTolerance * wall;
  EXPECT_FALSE(Disturbed(wall, wall - 0.9 * allowed));
  EXPECT_TRUE(Disturbed(wall, wall - 1.1 * allowed));
}

TEST(MeasurementPolicy, ShortReadingsHaveAFloor) {
  // An empty-heap collection takes microseconds: a microsecond of clock granularity is
  // not a context switch, ten microseconds are.
  EXPECT_FALSE(Disturbed(3e-6, 3e-6 - 0.5 * kOffCpuFloorSeconds));
  EXPECT_TRUE(Disturbed(15e-6, 5e-6));
}

TEST(MeasurementPolicy, DisturbedShortReadingsAreMeasuredAgainUpToTheLimit) {
  EXPECT_TRUE(MeasureAgain(true, 0.008, 1, 0, 20));
  EXPECT_TRUE(MeasureAgain(true, 0.008, kAttempts - 1, 0, 20));
  EXPECT_FALSE(MeasureAgain(true, 0.008, kAttempts, 0, 20));
  EXPECT_FALSE(MeasureAgain(false, 0.008, 1, 0, 20));
}

TEST(MeasurementPolicy, LongReadingsAreNeverMeasuredAgain) {
  EXPECT_FALSE(MeasureAgain(true, kRetryBelowSeconds, 1, 0, 20));
  EXPECT_FALSE(MeasureAgain(true, 0.2, 1, 0, 20));
}

TEST(MeasurementPolicy, ACaseStopsMeasuringAgainWhenItsBudgetIsSpent) {
  int budget = kRetriesPerRepetition * 20;
  EXPECT_TRUE(MeasureAgain(true, 0.008, 1, budget - 1, 20));
  EXPECT_FALSE(MeasureAgain(true, 0.008, 1, budget, 20));
  // The budget grows with the repetitions.
  EXPECT_TRUE(MeasureAgain(true, 0.008, 1, budget, 40));
}

}  // namespace
}  // namespace gcfuzz::bench
