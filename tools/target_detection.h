// Which fuzz target a file is for, "from the file itself".
//
// Decision: a serialized program (GCFZ magic) names its target by what it uses: any
// lifecycle operation or operation in another interpreter -> lifecycle_fuzzer; else any
// operation on a thread other than 0 -> threads_fuzzer; else graph_fuzzer. That is the
// smallest target whose limits admit the program, so the format needs no target field and
// a program minimized down to graph operations becomes a graph_fuzzer program. It is that
// target's program only if the target parses it with its own limits (gen::LimitsOfTarget). Raw
// bytes (no magic, or a serialized form its target does not parse) mean a different program for each
// target (the decoder is total everywhere), so they cannot be told apart by content: they
// are the target the caller names (the CLI reads it from where the fuzzer saved the file:
// program_tool.raw_target_hint), graph_fuzzer's by default. A target's limits are the ones
// it runs with (generators/target_limits.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "generators/fuzz_input.h"
#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::tools {

struct DetectedProgram {
  std::string target;  // "graph_fuzzer", "threads_fuzzer", "lifecycle_fuzzer"
  gen::Limits limits;  // the target's
  gen::Program program;
  gen::InputForm form = gen::InputForm::kDecoded;
};

// `raw_target`: the target that decoded raw bytes, when the caller knows only that; the
// bytes are then decoded exactly as that target decodes them. Serialized programs ignore it.
DetectedProgram DetectProgram(const uint8_t* data, size_t size, const gen::KindCatalog& catalog,
                              const std::string& raw_target = "graph_fuzzer");

// The file is an input the target `saved_by` ran (it sits in that target's findings or hunt
// folder): it means what that target made of it, whatever its content would suggest. A
// serialized program the target parses is that target's; any other file, a serialized form
// included, is raw bytes to it (graph_fuzzer decodes a program that uses thread 1 as raw
// bytes; read by content, it was a different program, a threads_fuzzer one, that did not
// reproduce: found by triage). nullopt for an unknown target.
std::optional<DetectedProgram> ProgramAsSavedBy(const uint8_t* data, size_t size,
                                                const gen::KindCatalog& catalog,
                                                const std::string& saved_by);

// The target a program needs, by the rule above.
std::string TargetFor(const gen::Program& program);

}  // namespace gcfuzz::tools
