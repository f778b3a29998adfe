// Every node reference an operation holds, for the passes that renumber or retarget nodes
// (repair, the mutator) without a case per operation at each call site.
#pragma once

#include <variant>

#include "generators/ops.h"
#include "generators/overloaded.h"

namespace gcfuzz::gen {

enum class ReferenceRole {
  // Must name a node created before the operation: arguments, edge ends, drop/touch/...
  kExisting,
  // A hook action's target: any node of the program (hooks run late).
  kAnywhere,
};

// Calls visit(NodeId&, ReferenceRole) for each reference in `op`, in a fixed order.
// Unused fields (a CallMethod argument without has_argument, the target of a kRaise) are
// not references and are skipped.
template <typename Visit>
void ForEachReference(Op& op, Visit visit) {
  std::visit(Overloaded{
                 [&](CreateNode& create) {
                   for (NodeId& arg : create.args) visit(arg, ReferenceRole::kExisting);
                   for (Action& action : create.hook) {
                     if (ActionHasTarget(action.kind)) visit(action.target, ReferenceRole::kAnywhere);
                   }
                 },
                 [&](AddEdge& edge) {
                   visit(edge.from, ReferenceRole::kExisting);
                   visit(edge.to, ReferenceRole::kExisting);
                 },
                 [&](RemoveEdge& edge) { visit(edge.from, ReferenceRole::kExisting); },
                 [&](DropRoot& drop) { visit(drop.node, ReferenceRole::kExisting); },
                 [&](KeepAlive& keep) { visit(keep.node, ReferenceRole::kExisting); },
                 [&](Touch& touch) { visit(touch.node, ReferenceRole::kExisting); },
                 [&](CallMethod& call) {
                   visit(call.receiver, ReferenceRole::kExisting);
                   if (call.has_argument) visit(call.argument, ReferenceRole::kExisting);
                 },
                 [](Collect&) {},
                 [](SetGcEnabled&) {},
                 [](SetThresholds&) {},
                 [](Lifecycle&) {},
             },
             op.body);
}

inline int CountReferences(Op& op) {
  int count = 0;
  ForEachReference(op, [&](NodeId&, ReferenceRole) { ++count; });
  return count;
}

}  // namespace gcfuzz::gen
