#include "executor/operation_context.h"

#include <atomic>
#include <string>
#include <variant>

#include "forms/text_form.h"
#include "generators/op_kind.h"
#include "report/context.h"

namespace gcfuzz::exec {
namespace {

constexpr int kFinalStep = -1;

// Threads run operations one at a time (the GIL), but the reporting thread may differ.
std::atomic<const gen::Program*> g_program{nullptr};
std::atomic<const gen::KindCatalog*> g_catalog{nullptr};
std::atomic<int> g_index{kFinalStep};

std::string Describe() {
  const gen::Program* program = g_program.load();
  const gen::KindCatalog* catalog = g_catalog.load();
  const int index = g_index.load();
  if (program == nullptr) return "";
  if (index == kFinalStep || index >= static_cast<int>(program->ops.size())) {
    return "during the final step (final-step)";
  }
  const gen::Op& op = program->ops[index];
  const std::string head =
      "during operation #" + std::to_string(index) + " (" + std::string(gen::OpKindName(op)) + "): ";
  if (catalog == nullptr) return head + "(its interpreter's catalog is gone)";
  const std::vector<gen::NodeKind> kinds = gen::NodeKinds(*program);
  int created = 0;
  for (int i = 0; i < index; ++i) created += std::holds_alternative<gen::CreateNode>(program->ops[i].body);
  return head + gen::OpToText(op, static_cast<gen::NodeId>(created), kinds, *catalog);
}

}  // namespace

void NoteOperation(const gen::Program& program, int index, const gen::KindCatalog& catalog) {
  static const bool installed = (report::SetContextDescriber(Describe), true);
  (void)installed;
  g_program.store(&program);
  g_catalog.store(&catalog);
  g_index.store(index);
}

void NoteFinalStep() { g_index.store(kFinalStep); }

void ForgetCatalog(const gen::KindCatalog& catalog) {
  const gen::KindCatalog* expected = &catalog;
  g_catalog.compare_exchange_strong(expected, nullptr);
}

}  // namespace gcfuzz::exec
