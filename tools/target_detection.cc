#include "tools/target_detection.h"

#include <variant>

#include "generators/serialize.h"

namespace gcfuzz::tools {

std::string TargetFor(const gen::Program& program) {
  bool threads = false;
  for (const gen::Op& op : program.ops) {
    if (std::holds_alternative<gen::Lifecycle>(op.body) || op.interpreter != 0) return "lifecycle_fuzzer";
    threads |= op.thread != 0;
  }
  return threads ? "threads_fuzzer" : "graph_fuzzer";
}

namespace {

// Any thread, any interpreter, lifecycle operations: what a serialized program may use at
// all, to see what it uses.
gen::Limits WidestLimits() {
  gen::Limits limits;
  limits.max_threads = 256;
  limits.max_interpreters = 256;
  limits.lifecycle_ops = true;
  return limits;
}

}  // namespace

std::optional<gen::Limits> RawLimitsOf(const std::string& target) {
  gen::Limits limits;
  if (target == "graph_fuzzer" || target == "stress_fuzzer") return limits;
  if (target == "threads_fuzzer") {
    limits.max_threads = 3;  // fuzzers/threads_fuzzer.cc: kThreads
    return limits;
  }
  if (target == "lifecycle_fuzzer") {
    limits.lifecycle_ops = true;  // fuzzers/lifecycle_fuzzer.cc: LifecycleLimits()
    limits.max_interpreters = 2;
    return limits;
  }
  return std::nullopt;
}

DetectedProgram DetectProgram(const uint8_t* data, size_t size, const gen::KindCatalog& catalog,
                              const std::string& raw_target) {
  if (gen::HasSerializedMagic(data, size)) {
    // Parsed with the widest limits to see what it uses, then with its target's limits,
    // which is what that target will do with the file.
    // The second parse uses the limits the target itself runs with (RawLimitsOf): a file
    // the target would not parse, it decodes as raw bytes, and so must the tool. A
    // graph_fuzzer input whose serialized form a byte mutation left with interpreter 21
    // is raw bytes to every target, not a lifecycle program (found by triage).
    gen::ParseResult widest = gen::Parse(data, size, catalog, WidestLimits());
    if (widest.program) {
      const std::string target = TargetFor(*widest.program);
      const gen::Limits limits = *RawLimitsOf(target);
      gen::ParseResult parsed = gen::Parse(data, size, catalog, limits);
      if (parsed.program) return {target, limits, std::move(*parsed.program), gen::InputForm::kSerialized};
    }
  }
  // Not a program by content: whatever the target that decodes raw bytes makes of it.
  return *ProgramAsSavedBy(data, size, catalog, RawLimitsOf(raw_target) ? raw_target : "graph_fuzzer");
}

std::optional<DetectedProgram> ProgramAsSavedBy(const uint8_t* data, size_t size,
                                                const gen::KindCatalog& catalog,
                                                const std::string& saved_by) {
  const std::optional<gen::Limits> limits = RawLimitsOf(saved_by);
  if (!limits) return std::nullopt;
  gen::FuzzInputProgram input = gen::ProgramFromFuzzInput(data, size, catalog, *limits);
  return DetectedProgram{saved_by, *limits, std::move(input.program), input.form};
}

}  // namespace gcfuzz::tools
