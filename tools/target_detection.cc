#include "tools/target_detection.h"

#include <variant>

#include "generators/serialize.h"
#include "generators/target_limits.h"

namespace gcfuzz::tools {

std::string TargetFor(const gen::Program& program) {
  bool threads = false;
  for (const gen::Op& op : program.ops) {
    if (std::holds_alternative<gen::Lifecycle>(op.body) || op.interpreter != 0) return "lifecycle_fuzzer";
    threads |= op.thread != 0;
  }
  return threads ? "threads_fuzzer" : "graph_fuzzer";
}

DetectedProgram DetectProgram(const uint8_t* data, size_t size, const gen::KindCatalog& catalog,
                              const std::string& raw_target) {
  if (gen::HasSerializedMagic(data, size)) {
    // Parsed with the widest limits to see what it uses, then with its target's limits,
    // which is what that target will do with the file.
    // The second parse uses the limits the target itself runs with: a file
    // the target would not parse, it decodes as raw bytes, and so must the tool. A
    // graph_fuzzer input whose serialized form a byte mutation left with interpreter 21
    // is raw bytes to every target, not a lifecycle program (found by triage).
    gen::ParseResult widest = gen::Parse(data, size, catalog, gen::WidestLimits());
    if (widest.program) {
      const std::string target = TargetFor(*widest.program);
      const gen::Limits limits = *gen::LimitsOfTarget(target);
      gen::ParseResult parsed = gen::Parse(data, size, catalog, limits);
      if (parsed.program) return {target, limits, std::move(*parsed.program), gen::InputForm::kSerialized};
    }
  }
  // Not a program by content: whatever the target that decodes raw bytes makes of it.
  return *ProgramAsSavedBy(data, size, catalog, gen::LimitsOfTarget(raw_target) ? raw_target : "graph_fuzzer");
}

std::optional<DetectedProgram> ProgramAsSavedBy(const uint8_t* data, size_t size,
                                                const gen::KindCatalog& catalog,
                                                const std::string& saved_by) {
  const std::optional<gen::Limits> limits = gen::LimitsOfTarget(saved_by);
  if (!limits) return std::nullopt;
  gen::FuzzInputProgram input = gen::ProgramFromFuzzInput(data, size, catalog, *limits);
  return DetectedProgram{saved_by, *limits, std::move(input.program), input.form};
}

}  // namespace gcfuzz::tools
