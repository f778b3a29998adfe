#include "report/report.h"

#include <gtest/gtest.h>

namespace gcfuzz::report {
namespace {

TEST(Report, SummaryLineNamesOracleAndClass) {
  EXPECT_EQ(SummaryLine({"leak", "traverse-misses-member", ""}),
            "SUMMARY: gcfuzz: leak [traverse-misses-member]");
  EXPECT_EQ(SummaryLine({"unexpected-exception", "", ""}),
            "SUMMARY: gcfuzz: unexpected-exception");
}

TEST(ReportDeathTest, ReportFindingPrintsAndAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(ReportFinding({"leak", "traverse-misses-member", "2 objects alive"}),
               "ERROR: gcfuzz: leak\nbug class: traverse-misses-member\n2 objects alive\n"
               "SUMMARY: gcfuzz: leak \\[traverse-misses-member\\]");
}

}  // namespace
}  // namespace gcfuzz::report
