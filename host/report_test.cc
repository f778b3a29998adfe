#include "host/report.h"

#include <gtest/gtest.h>

#include "host/gil.h"
#include "host/interpreter.h"

namespace gcfuzz::host {
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

TEST(Report, TakePythonErrorFormatsAndClears) {
  EnsureInterpreter();
  WithGil([] {
    EXPECT_EQ(TakePythonError(), "");
    PyErr_SetString(PyExc_ValueError, "bad slot");
    std::string text = TakePythonError();
    EXPECT_NE(text.find("ValueError: bad slot"), std::string::npos) << text;
    EXPECT_EQ(PyErr_Occurred(), nullptr);
  });
}

}  // namespace
}  // namespace gcfuzz::host
