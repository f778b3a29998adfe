#include "report/setup_failure.h"

#include <gtest/gtest.h>

namespace gcfuzz::report {
namespace {

TEST(SetupFailureDeathTest, IsOneLineAndItsOwnExitStatus) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(ExitOnSetupFailure(SetupError("GCFUZZ_X=9: expected 1 to 8")),
              ::testing::ExitedWithCode(kSetupFailureExitCode),
              "^gcfuzz: error: GCFUZZ_X=9: expected 1 to 8\n$");
}

TEST(SetupFailureDeathTest, ThePythonErrorComesFirst) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(ExitOnSetupFailure(SetupError("cannot import m", "ImportError: no m\n")),
              ::testing::ExitedWithCode(kSetupFailureExitCode),
              "^ImportError: no m\ngcfuzz: error: cannot import m\n$");
}

// A driver tells a set-up failure from a finding (1) and from libFuzzer's statuses by it.
TEST(SetupFailure, ExitStatusIsNoOtherToolsStatus) {
  for (int taken : {0, 1, 70, 77}) EXPECT_NE(kSetupFailureExitCode, taken);
}

}  // namespace
}  // namespace gcfuzz::report
