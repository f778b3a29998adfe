#include "generators/target_limits.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"
#include "generators/validate.h"

namespace gcfuzz::gen {
namespace {

const char* const kTargets[] = {"graph_fuzzer", "threads_fuzzer", "lifecycle_fuzzer",
                                "stress_fuzzer"};

Limits Of(const char* target) {
  const std::optional<Limits> limits = LimitsOfTarget(target);
  EXPECT_TRUE(limits.has_value()) << target;
  return limits.value_or(Limits{});
}

TEST(TargetLimits, EveryTargetHasLimitsAndNothingElseDoes) {
  for (const char* target : kTargets) EXPECT_TRUE(LimitsOfTarget(target).has_value()) << target;
  EXPECT_FALSE(LimitsOfTarget("no_such_fuzzer").has_value());
  EXPECT_FALSE(LimitsOfTarget("graph").has_value());
  EXPECT_FALSE(LimitsOfTarget("").has_value());
}

// graph_fuzzer's programs are the default ones; stress_fuzzer runs graph_fuzzer's programs.
TEST(TargetLimits, GraphAndStressFuzzersRunDefaultPrograms) {
  EXPECT_EQ(Of("graph_fuzzer"), Limits{});
  EXPECT_EQ(Of("stress_fuzzer"), Limits{});
}

// Each other target widens exactly what it exists for.
TEST(TargetLimits, ThreadsFuzzerAddsThreadsOnly) {
  Limits threads = Of("threads_fuzzer");
  EXPECT_GT(threads.max_threads, 1);
  threads.max_threads = Limits{}.max_threads;
  EXPECT_EQ(threads, Limits{});
}

TEST(TargetLimits, LifecycleFuzzerAddsLifecycleOperationsAndASubinterpreterOnly) {
  Limits lifecycle = Of("lifecycle_fuzzer");
  EXPECT_TRUE(lifecycle.lifecycle_ops);
  EXPECT_GT(lifecycle.max_interpreters, 1);
  lifecycle.lifecycle_ops = false;
  lifecycle.max_interpreters = Limits{}.max_interpreters;
  EXPECT_EQ(lifecycle, Limits{});
}

// A program on the last thread and interpreter a target has is valid for that target, and
// for the widest limits, which must admit what every target admits.
TEST(TargetLimits, TheWidestLimitsAdmitEveryTargetsPrograms) {
  for (const char* target : kTargets) {
    const Limits limits = Of(target);
    Program program = SampleProgram();
    program.ops.back().thread = static_cast<uint8_t>(limits.max_threads - 1);
    program.ops.back().interpreter = static_cast<uint8_t>(limits.max_interpreters - 1);
    if (limits.lifecycle_ops) program.ops.push_back({Lifecycle{LifecycleEvent::kRestart}});
    EXPECT_EQ(ValidationError(program, ExampleCatalog(), limits), "") << target;
    EXPECT_EQ(ValidationError(program, ExampleCatalog(), WidestLimits()), "") << target;
  }
  // Every thread and interpreter an operation can name (one byte each).
  Program program = SampleProgram();
  program.ops.back().thread = 255;
  program.ops.back().interpreter = 255;
  EXPECT_EQ(ValidationError(program, ExampleCatalog(), WidestLimits()), "");
}

}  // namespace
}  // namespace gcfuzz::gen
