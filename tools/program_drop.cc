#include "tools/program_drop.h"

#include <variant>
#include <vector>

#include "generators/actions.h"
#include "generators/op_references.h"
#include "generators/repair.h"

namespace gcfuzz::tools {

gen::Program Drop(const gen::Program& program, const DropSet& dropped,
                  const gen::KindCatalog& catalog, const gen::Limits& limits) {
  auto gone = [&](int node) { return dropped.nodes.count(node) > 0; };
  std::vector<gen::EditedOp> kept;
  std::vector<gen::EditedOp> edited = gen::ToEdited(program);
  for (size_t i = 0; i < edited.size(); ++i) {
    gen::EditedOp& op = edited[i];
    if (dropped.ops.count(static_cast<int>(i))) continue;
    if (auto* create = std::get_if<gen::CreateNode>(&op.op.body)) {
      if (gone(op.defines)) continue;
      std::vector<gen::NodeId> args;
      for (gen::NodeId arg : create->args) {
        if (!gone(arg)) args.push_back(arg);
      }
      create->args = args;
      std::vector<gen::Action> hook;
      for (size_t a = 0; a < create->hook.size(); ++a) {
        const gen::Action& action = create->hook[a];
        if (dropped.actions.count({static_cast<int>(i), static_cast<int>(a)})) continue;
        if (!gen::ActionHasTarget(action.kind) || !gone(action.target)) hook.push_back(action);
      }
      create->hook = hook;
      kept.push_back(op);
      continue;
    }
    bool names_gone = false;
    gen::ForEachReference(op.op, [&](gen::NodeId& node, gen::ReferenceRole) { names_gone |= gone(node); });
    if (!names_gone) kept.push_back(op);
  }
  return gen::Repair(kept, catalog, limits);
}

}  // namespace gcfuzz::tools
