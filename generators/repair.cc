#include "generators/repair.h"

#include <algorithm>
#include <optional>

#include "generators/op_references.h"

namespace gcfuzz::gen {

namespace {

class Repairer {
 public:
  Repairer(const KindCatalog& catalog, const Limits& limits)
      : catalog_(catalog),
        limits_(limits),
        max_nodes_(std::min(limits.max_nodes, kNodeIdCapacity)) {}

  Program Run(const std::vector<EditedOp>& edited) {
    const std::vector<const EditedOp*> kept = AssignIds(edited);
    Program program;
    program.ops.reserve(kept.size());
    for (const EditedOp* edit : kept) {
      Op op = edit->op;
      const bool is_create = std::holds_alternative<CreateNode>(op.body);
      if (Rewrite(op, edit->token_offset)) program.ops.push_back(std::move(op));
      created_ += is_create;  // creates are never dropped here: the ids are already assigned
    }
    return program;
  }

 private:
  // Pass 1: which operations stay, and the new id of every token a create defines.
  std::vector<const EditedOp*> AssignIds(const std::vector<EditedOp>& edited) {
    std::vector<const EditedOp*> kept;
    int created = 0;
    for (const EditedOp& edit : edited) {
      if (static_cast<int>(kept.size()) >= limits_.max_ops) break;
      if (std::holds_alternative<CreateNode>(edit.op.body)) {
        if (created >= max_nodes_) continue;
        if (edit.defines >= 0) {
          if (edit.defines >= static_cast<int>(new_ids_.size())) new_ids_.resize(edit.defines + 1, -1);
          // A duplicated token keeps its first node.
          if (new_ids_[edit.defines] < 0) new_ids_[edit.defines] = created;
        }
        ++created;
      }
      kept.push_back(&edit);
    }
    total_nodes_ = created;
    return kept;
  }

  // Pass 2: references and fields into range. False when the operation must go.
  bool Rewrite(Op& op, int token_offset) {
    op.thread = static_cast<uint8_t>(op.thread % std::max(1, limits_.max_threads));
    op.interpreter = static_cast<uint8_t>(op.interpreter % std::max(1, limits_.max_interpreters));
    op.fail_allocation = static_cast<uint8_t>(op.fail_allocation % (kMaxFailAllocation + 1));
    if (auto* create = std::get_if<CreateNode>(&op.body)) {
      RewriteCreate(*create, token_offset);
      return true;
    }
    bool resolved = true;
    ForEachReference(op, [&](NodeId& reference, ReferenceRole) {
      const std::optional<NodeId> node = ResolveExisting(reference + token_offset);
      if (node) {
        reference = *node;
      } else {
        resolved = false;
      }
    });
    if (!resolved) return false;
    return std::visit(
        Overloaded{
            [](CreateNode&) { return true; },
            [&](AddEdge& edge) { return ClampLabel(edge.via, edge.index); },
            [&](RemoveEdge& edge) { return ClampLabel(edge.via, edge.index); },
            [](DropRoot&) { return true; },
            [](KeepAlive&) { return true; },
            [](Touch&) { return true; },
            [&](CallMethod& call) {
              if (catalog_.method_count() == 0) return false;
              call.method = static_cast<uint8_t>(call.method % catalog_.method_count());
              if (!call.has_argument) call.argument = 0;
              return true;
            },
            [](Collect& collect) {
              collect.generation %= 3;
              return true;
            },
            [](SetGcEnabled&) { return true; },
            [&](SetThresholds& thresholds) {
              for (uint16_t* value : {&thresholds.threshold0, &thresholds.threshold1, &thresholds.threshold2}) {
                *value = ClampThreshold(*value);
              }
              return true;
            },
            [&](Lifecycle& lifecycle) {
              if (!limits_.lifecycle_ops) return false;
              lifecycle.event = static_cast<LifecycleEvent>(
                  static_cast<int>(lifecycle.event) % (static_cast<int>(LifecycleEvent::kMaxValue) + 1));
              // A subinterpreter event names a subinterpreter; a restart is the main one's.
              if (lifecycle.event != LifecycleEvent::kRestart && op.interpreter == 0) {
                if (limits_.max_interpreters > 1) {
                  op.interpreter = 1;
                } else {
                  lifecycle.event = LifecycleEvent::kRestart;
                }
              }
              if (lifecycle.event == LifecycleEvent::kRestart) op.interpreter = 0;
              return true;
            },
        },
        op.body);
  }

  void RewriteCreate(CreateNode& create, int token_offset) {
    NodeKind& kind = create.kind;
    kind.base = static_cast<NodeBase>(static_cast<int>(kind.base) % (static_cast<int>(NodeBase::kMaxValue) + 1));
    if (IsFixtureBased(kind.base) && catalog_.kind_count() == 0) kind.base = NodeBase::kList;
    kind.fixture = IsFixtureBased(kind.base) ? static_cast<uint8_t>(kind.fixture % catalog_.kind_count()) : 0;

    std::vector<NodeId> args;
    for (NodeId arg : create.args) {
      if (std::optional<NodeId> node = ResolveExisting(arg + token_offset)) args.push_back(*node);
    }
    const int max_args = NeedsOneArgument(kind.base) ? 1 : std::min(MaxArgumentsOf(kind.base, limits_.max_args), limits_.max_args);
    if (static_cast<int>(args.size()) > max_args) args.resize(max_args);
    if (NeedsOneArgument(kind.base) && args.empty()) kind.base = NodeBase::kList;
    create.args = std::move(args);

    if (kind.base != NodeBase::kFixtureSubclass) create.own_class = false;
    create.chain_length_class = kind.base == NodeBase::kChain
                                    ? create.chain_length_class % kChainLengthClasses
                                    : 0;
    if (!HasHookSlot(kind.base)) create.has_hook = false;
    if (!create.has_hook) create.hook.clear();
    if (static_cast<int>(create.hook.size()) > limits_.max_hook_actions) create.hook.resize(limits_.max_hook_actions);
    for (Action& action : create.hook) {
      action.kind = static_cast<ActionKind>(static_cast<int>(action.kind) % (static_cast<int>(ActionKind::kMaxValue) + 1));
      action.target = ActionHasTarget(action.kind) ? ResolveAnywhere(action.target + token_offset) : 0;
      action.generation = action.kind == ActionKind::kCollect ? action.generation % 3 : 0;
    }
  }

  bool ClampLabel(EdgeVia& via, uint8_t& index) const {
    via = static_cast<EdgeVia>(static_cast<int>(via) % (static_cast<int>(EdgeVia::kMaxValue) + 1));
    index = static_cast<uint8_t>(index % std::max(1, limits_.max_edge_index));
    return true;
  }

  uint16_t ClampThreshold(uint16_t value) const {
    const int max = std::max(1, limits_.max_threshold);
    return static_cast<uint16_t>(1 + (std::max<int>(value, 1) - 1) % max);
  }

  std::optional<NodeId> Mapped(int token) const {
    if (token < 0 || token >= static_cast<int>(new_ids_.size()) || new_ids_[token] < 0) return std::nullopt;
    return static_cast<NodeId>(new_ids_[token]);
  }

  // A node created before the current operation.
  std::optional<NodeId> ResolveExisting(int token) const {
    if (std::optional<NodeId> node = Mapped(token); node && *node < created_) return node;
    if (created_ == 0) return std::nullopt;
    return static_cast<NodeId>(token % created_);
  }

  // Any node of the program; only called inside a create, so there is at least one.
  NodeId ResolveAnywhere(int token) const {
    if (std::optional<NodeId> node = Mapped(token)) return *node;
    return static_cast<NodeId>(token % total_nodes_);
  }

  const KindCatalog& catalog_;
  const Limits& limits_;
  const int max_nodes_;
  std::vector<int> new_ids_;  // token -> new node id, -1 when the token names no kept node
  int total_nodes_ = 0;
  int created_ = 0;  // nodes created before the operation being rewritten
};

}  // namespace

std::vector<EditedOp> ToEdited(const Program& program, int token_offset) {
  std::vector<EditedOp> edited;
  edited.reserve(program.ops.size());
  int created = 0;
  for (const Op& op : program.ops) {
    EditedOp edit{op, -1, token_offset};
    if (std::holds_alternative<CreateNode>(op.body)) edit.defines = token_offset + created++;
    edited.push_back(std::move(edit));
  }
  return edited;
}

Program Repair(const std::vector<EditedOp>& edited, const KindCatalog& catalog,
               const Limits& limits) {
  return Repairer(catalog, limits).Run(edited);
}

}  // namespace gcfuzz::gen
