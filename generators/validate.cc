#include "generators/validate.h"

#include <algorithm>
#include <string>
#include <variant>

#include "generators/overloaded.h"

namespace gcfuzz::gen {

namespace {

class Checker {
 public:
  Checker(const KindCatalog& catalog, const Limits& limits, int node_total)
      : catalog_(catalog), limits_(limits), node_total_(node_total) {}

  // The first problem with op (the created_ nodes before it exist), or "".
  std::string Check(const Op& op) {
    if (op.thread >= limits_.max_threads) return "thread " + std::to_string(op.thread) + " out of range";
    if (op.interpreter >= limits_.max_interpreters) {
      return "interpreter " + std::to_string(op.interpreter) + " out of range";
    }
    if (op.fail_allocation > kMaxFailAllocation) {
      return "fail_allocation " + std::to_string(op.fail_allocation) + " out of range";
    }
    return std::visit(
        Overloaded{
            [&](const CreateNode& create) {
              std::string error = CheckCreate(create);
              ++created_;
              return error;
            },
            [&](const AddEdge& edge) {
              if (std::string error = CheckLabel(edge.from, edge.via, edge.index); !error.empty()) return error;
              return Existing(edge.to, "edge target");
            },
            [&](const RemoveEdge& edge) { return CheckLabel(edge.from, edge.via, edge.index); },
            [&](const DropRoot& drop) { return Existing(drop.node, "dropped node"); },
            [&](const KeepAlive& keep) { return Existing(keep.node, "kept node"); },
            [&](const Touch& touch) { return Existing(touch.node, "touched node"); },
            [&](const CallMethod& call) -> std::string {
              if (std::string error = Existing(call.receiver, "receiver"); !error.empty()) return error;
              if (call.method >= catalog_.method_count()) return "unknown method " + std::to_string(call.method);
              if (call.has_argument) return Existing(call.argument, "argument");
              return call.argument == 0 ? "" : "argument set without has_argument";
            },
            [&](const Collect& collect) -> std::string {
              return collect.generation <= 2 ? "" : "generation " + std::to_string(collect.generation);
            },
            [&](const SetGcEnabled&) { return std::string(); },
            [&](const SetThresholds& thresholds) -> std::string {
              for (int value : {thresholds.threshold0, thresholds.threshold1, thresholds.threshold2}) {
                if (value < 1 || value > limits_.max_threshold) return "threshold " + std::to_string(value);
              }
              return "";
            },
            [&](const Lifecycle& lifecycle) -> std::string {
              if (!limits_.lifecycle_ops) return "lifecycle operation outside a lifecycle program";
              if (lifecycle.event > LifecycleEvent::kMaxValue) return "unknown lifecycle event";
              const bool main = lifecycle.event == LifecycleEvent::kRestart;
              if (main != (op.interpreter == 0)) {
                return main ? "restart in a subinterpreter" : "subinterpreter event on interpreter 0";
              }
              return "";
            },
        },
        op.body);
  }

 private:
  std::string CheckCreate(const CreateNode& create) {
    const NodeBase base = create.kind.base;
    if (base > NodeBase::kMaxValue) return "unknown node kind";
    if (IsFixtureBased(base)) {
      if (create.kind.fixture >= catalog_.kind_count()) {
        return "unknown fixture kind " + std::to_string(create.kind.fixture);
      }
    } else if (create.kind.fixture != 0) {
      return "fixture index on a builtin node";
    }
    const int max_args = std::min(MaxArgumentsOf(base, limits_.max_args), limits_.max_args);
    const int arg_bound = NeedsOneArgument(base) ? 1 : max_args;
    if (static_cast<int>(create.args.size()) > arg_bound) return "too many arguments";
    if (NeedsOneArgument(base) && create.args.size() != 1) return "needs exactly one argument";
    for (NodeId arg : create.args) {
      if (std::string error = Existing(arg, "argument"); !error.empty()) return error;
    }
    if (create.own_class && base != NodeBase::kFixtureSubclass) return "own class on a kind without one";
    if (base == NodeBase::kChain ? create.chain_length_class >= kChainLengthClasses
                                 : create.chain_length_class != 0) {
      return "bad chain length class";
    }
    if (create.has_hook && !HasHookSlot(base)) return "hook on a kind without one";
    if (!create.has_hook && !create.hook.empty()) return "hook actions without a hook";
    if (static_cast<int>(create.hook.size()) > limits_.max_hook_actions) return "too many hook actions";
    for (const Action& action : create.hook) {
      if (std::string error = CheckAction(action); !error.empty()) return error;
    }
    return "";
  }

  std::string CheckAction(const Action& action) const {
    if (action.kind > ActionKind::kMaxValue) return "unknown action";
    if (ActionHasTarget(action.kind)) {
      if (action.target >= node_total_) {
        return "action target n" + std::to_string(action.target) + ", only " +
               std::to_string(node_total_) + " nodes in the program";
      }
    } else if (action.target != 0) {
      return "target on an action without one";
    }
    if (action.kind == ActionKind::kCollect ? action.generation > 2 : action.generation != 0) {
      return "bad action generation";
    }
    return "";
  }

  std::string CheckLabel(NodeId from, EdgeVia via, uint8_t index) const {
    if (std::string error = Existing(from, "edge source"); !error.empty()) return error;
    if (via > EdgeVia::kMaxValue) return "unknown edge kind";
    if (index >= limits_.max_edge_index) return "edge index " + std::to_string(index);
    return "";
  }

  std::string Existing(NodeId node, const char* role) const {
    if (node < created_) return "";
    return std::string(role) + " n" + std::to_string(node) + ", only " + std::to_string(created_) +
           " nodes exist";
  }

  const KindCatalog& catalog_;
  const Limits& limits_;
  const int node_total_;
  int created_ = 0;
};

}  // namespace

std::string ValidationError(const Program& program, const KindCatalog& catalog,
                            const Limits& limits) {
  if (static_cast<int>(program.ops.size()) > limits.max_ops) {
    return std::to_string(program.ops.size()) + " operations, limit " + std::to_string(limits.max_ops);
  }
  const int nodes = CountNodes(program);
  if (nodes > std::min(limits.max_nodes, kNodeIdCapacity)) {
    return std::to_string(nodes) + " nodes, limit " + std::to_string(limits.max_nodes);
  }
  Checker checker(catalog, limits, nodes);
  for (size_t i = 0; i < program.ops.size(); ++i) {
    if (std::string error = checker.Check(program.ops[i]); !error.empty()) {
      return "op " + std::to_string(i) + ": " + error;
    }
  }
  return "";
}

}  // namespace gcfuzz::gen
