#include "tools/target_detection.h"

#include <gtest/gtest.h>

#include "generators/example_catalog.h"
#include "generators/serialize.h"
#include "generators/test_programs.h"

namespace gcfuzz::tools {
namespace {

std::vector<uint8_t> Bytes(const gen::Program& program) {
  return gen::Serialize(program, gen::ExampleCatalog());
}

DetectedProgram Detect(const std::vector<uint8_t>& bytes) {
  return DetectProgram(bytes.data(), bytes.size(), gen::ExampleCatalog());
}

TEST(TargetDetection, AGraphProgramIsGraphFuzzers) {
  const DetectedProgram detected = Detect(Bytes(gen::SampleProgram()));
  EXPECT_EQ(detected.target, "graph_fuzzer");
  EXPECT_EQ(detected.form, gen::InputForm::kSerialized);
}

TEST(TargetDetection, ALifecycleProgramIsLifecycleFuzzers) {
  gen::Program program = gen::SampleProgram();
  gen::Op start;
  start.body = gen::Lifecycle{gen::LifecycleEvent::kStartInterpreter};
  start.interpreter = 1;
  program.ops.insert(program.ops.begin(), start);
  program.ops[1].interpreter = 1;
  const DetectedProgram detected = Detect(Bytes(program));
  EXPECT_EQ(detected.target, "lifecycle_fuzzer");
  EXPECT_EQ(detected.form, gen::InputForm::kSerialized);
}

// Found by triage: a graph_fuzzer input whose serialized form a byte mutation left naming
// interpreter 21. lifecycle_fuzzer runs two interpreters, so no target parses it: every
// one decodes it as raw bytes, and the tool must say so rather than call it lifecycle's.
TEST(TargetDetection, AnInterpreterNoTargetHasIsRawBytes) {
  gen::Program program = gen::SampleProgram();
  program.ops[2].interpreter = 21;
  const DetectedProgram detected = Detect(Bytes(program));
  EXPECT_EQ(detected.target, "graph_fuzzer");
  EXPECT_EQ(detected.form, gen::InputForm::kDecoded);
}

// Found by triage: a graph_fuzzer hunt saved a serialized program that uses thread 1.
// graph_fuzzer (one thread) decoded it as raw bytes; read by content it was a
// threads_fuzzer program, a different one, and "did not reproduce".
TEST(TargetDetection, AFileMeansWhatTheTargetThatSavedItMadeOfIt) {
  gen::Program program = gen::SampleProgram();
  program.ops[1].thread = 1;
  const std::vector<uint8_t> bytes = Bytes(program);
  EXPECT_EQ(Detect(bytes).target, "threads_fuzzer");

  const auto graph = ProgramAsSavedBy(bytes.data(), bytes.size(), gen::ExampleCatalog(), "graph_fuzzer");
  ASSERT_TRUE(graph.has_value());
  EXPECT_EQ(graph->target, "graph_fuzzer");
  EXPECT_EQ(graph->form, gen::InputForm::kDecoded);
  EXPECT_NE(graph->program, program);

  const auto threads = ProgramAsSavedBy(bytes.data(), bytes.size(), gen::ExampleCatalog(), "threads_fuzzer");
  ASSERT_TRUE(threads.has_value());
  EXPECT_EQ(threads->target, "threads_fuzzer");
  EXPECT_EQ(threads->form, gen::InputForm::kSerialized);
  EXPECT_EQ(threads->program, program);

  EXPECT_FALSE(ProgramAsSavedBy(bytes.data(), bytes.size(), gen::ExampleCatalog(), "no_such_fuzzer"));
}

}  // namespace
}  // namespace gcfuzz::tools
