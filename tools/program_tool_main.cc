// gcfuzz_program: what a fuzzer input means, without fuzzing it.
//
//   gcfuzz_program print FILE     the program in text form (forms/text_form.h)
//   gcfuzz_program ops FILE       the target it needs and its operations, one per line:
//                                 `target=T form=F bytes=B nodes=N ops=M`, then
//                                 `index<TAB>kind<TAB>created node or -<TAB>hook actions<TAB>text`
//   gcfuzz_program script FILE [--arm IDS] [--header TEXT]...
//                                 a standalone Python reproducer (script_form.h)
//   gcfuzz_program dot FILE [--op N] [--title TEXT]
//                                 the object graph before operation N (-1: the final step)
//   gcfuzz_program test FILE [--arm IDS] [--expect REGEX] [--name NAME] [--header TEXT]...
//                                 a GoogleTest regression-test draft (test_form.h)
//   gcfuzz_program drop FILE OUT [--ops I,J,...] [--nodes K,L,...] [--actions OP:A,...]
//                                 OUT = the program without those operations and nodes
//                                 (and every operation, argument and hook action naming a
//                                 dropped node) and without hook action A of the create at
//                                 operation OP, repaired and serialized: minimize's step
//   every command: [--saved-by T] the file is an input target T ran: it means what T made
//                                 of it (a serialized program T does not parse is raw bytes);
//                  [--raw-target T] only raw bytes decode as T does, default graph_fuzzer
//
// The catalog comes from the fixture module in the embedded interpreter, exactly as the
// fuzzer reads it, so raw inputs decode here to the program the fuzzer ran. Which target a
// file is for is decided by target_detection.h. Errors are one line on stderr and exit
// status 2 (usage) or 1 (input), or report/setup_failure.h's when the embedded interpreter
// and the fixtures cannot be made ready.
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "embedding/run_embedding.h"
#include "executor/executor.h"
#include "forms/dot_form.h"
#include "forms/script_form.h"
#include "forms/test_form.h"
#include "forms/text_form.h"
#include "generators/op_kind.h"
#include "generators/serialize.h"
#include "generators/target_limits.h"
#include "generators/validate.h"
#include "report/setup_failure.h"
#include "tools/program_drop.h"
#include "tools/target_detection.h"

namespace {

using namespace gcfuzz;

constexpr const char kUsage[] =
    "usage: gcfuzz_program print|ops|script|dot|test FILE [options], or drop FILE OUT [options]\n";

int Usage(const std::string& why = "") {
  if (!why.empty()) std::fprintf(stderr, "gcfuzz_program: %s\n", why.c_str());
  std::fputs(kUsage, stderr);
  return 2;
}

int InputError(const std::string& why) {
  std::fprintf(stderr, "gcfuzz_program: %s\n", why.c_str());
  return 1;
}

bool ReadFile(const char* path, std::vector<uint8_t>* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

std::vector<std::string> SplitCsv(const std::string& csv) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= csv.size()) {
    const size_t comma = csv.find(',', start);
    const std::string item = csv.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) items.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

bool ParseIndices(const std::string& csv, std::set<int>* out) {
  for (const std::string& item : SplitCsv(csv)) {
    char* end = nullptr;
    const long value = std::strtol(item.c_str(), &end, 10);
    if (*end != '\0' || value < 0 || value > 65535) return false;
    out->insert(static_cast<int>(value));
  }
  return true;
}

// OP:A pairs: hook action A of the create at operation OP.
bool ParseActions(const std::string& csv, std::set<std::pair<int, int>>* out) {
  for (const std::string& item : SplitCsv(csv)) {
    const size_t colon = item.find(':');
    if (colon == std::string::npos) return false;
    std::set<int> op, action;
    if (!ParseIndices(item.substr(0, colon), &op) || !ParseIndices(item.substr(colon + 1), &action) ||
        op.size() != 1 || action.size() != 1) {
      return false;
    }
    out->insert({*op.begin(), *action.begin()});
  }
  return true;
}

struct Options {
  std::vector<std::string> positional;
  std::string arm, title, expect, name = "Reproduces", ops, nodes, actions;
  std::vector<std::string> header;
  int op = -1;
  std::string raw_target = "graph_fuzzer";
  std::string saved_by;  // empty: not known
};

// Flags take one value each; returns "" or what is wrong.
std::string ParseOptions(int argc, char** argv, Options* options) {
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      options->positional.push_back(arg);
      continue;
    }
    if (i + 1 >= argc) return arg + " needs a value";
    const std::string value = argv[++i];
    if (arg == "--arm") options->arm = value;
    else if (arg == "--title") options->title = value;
    else if (arg == "--expect") options->expect = value;
    else if (arg == "--name") options->name = value;
    else if (arg == "--header") options->header.push_back(value);
    else if (arg == "--ops") options->ops = value;
    else if (arg == "--nodes") options->nodes = value;
    else if (arg == "--actions") options->actions = value;
    else if (arg == "--saved-by") {
      if (!gen::LimitsOfTarget(value)) return "--saved-by: unknown target " + value;
      options->saved_by = value;
    }
    else if (arg == "--raw-target") {
      if (!gen::LimitsOfTarget(value)) return "--raw-target: unknown target " + value;
      options->raw_target = value;
    }
    else if (arg == "--op") {
      char* end = nullptr;
      options->op = static_cast<int>(std::strtol(value.c_str(), &end, 10));
      if (*end != '\0') return "--op needs a number";
    } else {
      return "unknown option " + arg;
    }
  }
  return "";
}

bool WriteFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

// The catalog the fuzzers read, from the fixture module in the embedded interpreter; a
// set-up failure ends the tool as it ends the fuzzers.
const gen::KindCatalog& CatalogOrExit() {
  try {
    return exec::Executor::Start(embedding::ExecutorOptionsForThisRun()).catalog();
  } catch (const report::SetupError& error) {
    report::ExitOnSetupFailure(error);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  const std::string command = argv[1];
  const std::set<std::string> commands = {"print", "ops", "script", "dot", "test", "drop"};
  if (!commands.count(command)) return Usage("unknown command " + command);
  Options options;
  if (std::string error = ParseOptions(argc, argv, &options); !error.empty()) return Usage(error);
  const size_t wanted = command == "drop" ? 2 : 1;
  if (options.positional.size() != wanted) return Usage(command + " takes " + std::to_string(wanted) + " file(s)");
  const std::string path = options.positional[0];
  std::vector<uint8_t> bytes;
  if (!ReadFile(path.c_str(), &bytes)) {
    return InputError("cannot read " + path + ": " + std::strerror(errno));
  }
  const gen::KindCatalog& catalog = CatalogOrExit();
  const tools::DetectedProgram input =
      options.saved_by.empty()
          ? tools::DetectProgram(bytes.data(), bytes.size(), catalog, options.raw_target)
          : *tools::ProgramAsSavedBy(bytes.data(), bytes.size(), catalog, options.saved_by);
  const gen::Program& program = input.program;
  const char* form = input.form == gen::InputForm::kSerialized ? "serialized program" : "raw bytes, decoded";

  if (command == "print") {
    std::printf("# %s: %zu bytes, %s, for %s\n", path.c_str(), bytes.size(), form, input.target.c_str());
    std::fputs(gen::ToText(program, catalog).c_str(), stdout);
    return 0;
  }
  if (command == "ops") {
    std::printf("target=%s form=%s bytes=%zu nodes=%d ops=%zu\n", input.target.c_str(),
                input.form == gen::InputForm::kSerialized ? "serialized" : "decoded", bytes.size(),
                gen::CountNodes(program), program.ops.size());
    const std::vector<gen::NodeKind> kinds = gen::NodeKinds(program);
    int created = 0;
    for (size_t i = 0; i < program.ops.size(); ++i) {
      const gen::Op& op = program.ops[i];
      const auto* create = std::get_if<gen::CreateNode>(&op.body);
      const bool creates = create != nullptr;
      std::printf("%zu\t%s\t%s\t%zu\t%s\n", i, std::string(gen::OpKindName(op)).c_str(),
                  creates ? std::to_string(created).c_str() : "-", creates ? create->hook.size() : 0,
                  gen::OpToText(op, static_cast<gen::NodeId>(created), kinds, catalog).c_str());
      created += creates;
    }
    return 0;
  }
  if (command == "script") {
    gen::ScriptOptions script;
    script.armed = SplitCsv(options.arm);
    script.header = options.header;
    if (module_mode::Requested()) {
      // The finding's plan, and the shim from this source tree, imported in plain Python.
      const std::string plan = std::getenv(module_mode::kPlanVariable);
      script.module_imports = {
          "os.environ[\"" + std::string(module_mode::kPlanVariable) + "\"] = \"" + plan +
              "\"  # the module, --path, adapter and discovery it was found with",
          "sys.path.insert(0, \"" GCFUZZ_SOURCE_DIR "/embedding\"); import module_shim as fx"
          "  # the module as gcfuzz's programs use it"};
    }
    std::fputs(gen::ToScript(program, catalog, script).c_str(), stdout);
    return 0;
  }
  if (command == "dot") {
    gen::DotOptions dot;
    dot.failing_op = options.op;
    dot.title = options.title;
    std::fputs(gen::ToDot(program, catalog, dot).c_str(), stdout);
    return 0;
  }
  if (command == "test") {
    gen::TestDraftOptions test;
    test.armed = SplitCsv(options.arm);
    test.expected_output = options.expect;
    test.test_name = options.name;
    test.header = options.header;
    std::fputs(gen::ToTestDraft(program, catalog, test).c_str(), stdout);
    return 0;
  }
  // drop
  std::set<int> ops, nodes;
  if (!ParseIndices(options.ops, &ops) || !ParseIndices(options.nodes, &nodes)) {
    return Usage("--ops and --nodes take comma-separated indices");
  }
  std::set<std::pair<int, int>> actions;
  if (!ParseActions(options.actions, &actions)) {
    return Usage("--actions takes comma-separated OP:ACTION pairs");
  }
  const gen::Program smaller = tools::Drop(program, {ops, nodes, actions}, catalog, input.limits);
  if (std::string error = gen::ValidationError(smaller, catalog, input.limits); !error.empty()) {
    return InputError("the reduced program is invalid: " + error);
  }
  if (!WriteFile(options.positional[1], gen::Serialize(smaller, catalog))) {
    return InputError("cannot write " + options.positional[1]);
  }
  std::printf("nodes=%d ops=%zu\n", gen::CountNodes(smaller), smaller.ops.size());
  return 0;
}
