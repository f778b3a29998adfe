#include "forms/graph_model.h"

#include <variant>

#include "generators/overloaded.h"

namespace gcfuzz::gen {
namespace {

const char* ActionName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kTouch: return "touch";
    case ActionKind::kStashWeakref: return "stash weakref";
    case ActionKind::kResurrect: return "resurrect";
    case ActionKind::kDropRoot: return "del";
    case ActionKind::kRaise: return "raise";
    case ActionKind::kCollect: return "collect";
  }
  return "action";
}

}  // namespace

void GraphModel::SetOwned(NodeId from, const std::string& label, NodeId to, bool append_list) {
  std::vector<Slot>& slots = owned_[from];
  if (append_list) {
    slots.push_back({"[" + std::to_string(slots.size()) + "]", to});
    return;
  }
  for (Slot& slot : slots) {
    if (slot.label == label) {
      slot.to = to;
      return;
    }
  }
  slots.push_back({label, to});
}

void GraphModel::Clear(NodeId from, const std::string& label) {
  for (Slot& slot : owned_[from]) {
    if (slot.label == label) slot.to = -1;
  }
}

void GraphModel::Apply(const Op& op) {
  std::visit(
      Overloaded{
          [&](const CreateNode& create) {
            const NodeId id = static_cast<NodeId>(nodes_.size());
            nodes_.push_back({create.kind, true, false, false});
            owned_.emplace_back();
            const NodeBase base = create.kind.base;
            for (size_t i = 0; i < create.args.size(); ++i) {
              const NodeId arg = create.args[i];
              if (!Live(arg)) continue;
              switch (base) {
                case NodeBase::kWeakref:
                  other_.push_back({id, arg, ModelEdge::Type::kWeak, "weakref"});
                  break;
                case NodeBase::kBoundMethod:
                  owned_[id].push_back({"receiver", arg});
                  break;
                case NodeBase::kFixture:
                case NodeBase::kFixtureSubclass:
                case NodeBase::kChain:
                  owned_[id].push_back({"arg " + std::to_string(i), arg});
                  break;
                case NodeBase::kClosure:
                  owned_[id].push_back({"cell", arg});
                  break;
                case NodeBase::kSet:
                  owned_[id].push_back({"item", arg});
                  break;
                case NodeBase::kList:
                  SetOwned(id, "", arg, true);
                  break;
                default:  // dict keys and tuple positions are the argument's index
                  owned_[id].push_back({"[" + std::to_string(i) + "]", arg});
              }
            }
            for (const Action& action : create.hook) {
              if (!ActionHasTarget(action.kind)) continue;
              const char* owner = base == NodeBase::kWeakref ? "callback: " : "__del__: ";
              other_.push_back({id, action.target, ModelEdge::Type::kHook,
                                std::string(owner) + ActionName(action.kind)});
            }
          },
          [&](const AddEdge& edge) {
            if (!Live(edge.from) || !Live(edge.to)) return;
            const NodeKind kind = nodes_[edge.from].kind;
            const std::string index = std::to_string(edge.index);
            switch (edge.via) {
              case EdgeVia::kSlot:
                if (IsFixtureBased(kind.base) && kind.fixture < catalog_.kind_count() &&
                    edge.index < catalog_.kinds[kind.fixture].slots) {
                  SetOwned(edge.from, "slot[" + index + "]", edge.to, false);
                }
                return;
              case EdgeVia::kClassAttribute:
                if (kind.base == NodeBase::kFixtureSubclass) SetOwned(edge.from, "type.a" + index, edge.to, false);
                return;
              case EdgeVia::kAttribute: {
                const bool has_dict = kind.base == NodeBase::kFixtureSubclass ||
                                      (kind.base == NodeBase::kFixture &&
                                       kind.fixture < catalog_.kind_count() &&
                                       catalog_.kinds[kind.fixture].has_dict) ||
                                      kind.base == NodeBase::kClosure;
                if (has_dict) SetOwned(edge.from, "a" + index, edge.to, false);
                return;
              }
              case EdgeVia::kItem:
                switch (kind.base) {
                  case NodeBase::kList: {
                    int items = 0;
                    for (const Slot& slot : owned_[edge.from]) items += slot.label[0] == '[';
                    SetOwned(edge.from, "[" + index + "]", edge.to, edge.index >= items);
                    return;
                  }
                  case NodeBase::kDict:
                    SetOwned(edge.from, "[" + index + "]", edge.to, false);
                    return;
                  case NodeBase::kSet:
                    owned_[edge.from].push_back({"item", edge.to});
                    return;
                  case NodeBase::kClosure:
                    SetOwned(edge.from, "cell", edge.to, false);
                    return;
                  default:
                    return;
                }
            }
          },
          [&](const RemoveEdge& edge) {
            if (!Live(edge.from)) return;
            const std::string index = std::to_string(edge.index);
            switch (edge.via) {
              case EdgeVia::kSlot: Clear(edge.from, "slot[" + index + "]"); break;
              case EdgeVia::kAttribute: Clear(edge.from, "a" + index); break;
              case EdgeVia::kClassAttribute: Clear(edge.from, "type.a" + index); break;
              case EdgeVia::kItem:
                switch (nodes_[edge.from].kind.base) {
                  case NodeBase::kSet: Clear(edge.from, "item"); break;
                  case NodeBase::kClosure: Clear(edge.from, "cell"); break;
                  case NodeBase::kList: {  // later items move down one place
                    std::vector<Slot> items;
                    for (const Slot& slot : owned_[edge.from]) items.push_back(slot);
                    owned_[edge.from].clear();
                    int position = 0;
                    for (const Slot& slot : items) {
                      if (slot.label == "[" + index + "]") continue;
                      owned_[edge.from].push_back({"[" + std::to_string(position++) + "]", slot.to});
                    }
                    break;
                  }
                  case NodeBase::kDict: Clear(edge.from, "[" + index + "]"); break;
                  default: break;
                }
                break;
            }
          },
          [&](const DropRoot& drop) {
            if (drop.node < nodes_.size()) nodes_[drop.node].root = false;
          },
          [&](const KeepAlive& keep) {
            if (Live(keep.node)) nodes_[keep.node].kept = true;
          },
          [&](const Touch&) {},
          // What a method does with its argument is the fixture's business (keep() borrows
          // it, watch() sets a callback on it): drawn as a reference the model cannot own.
          [&](const CallMethod& call) {
            if (!call.has_argument || !Live(call.receiver) || !Live(call.argument)) return;
            const std::string name = call.method < catalog_.method_count()
                                         ? catalog_.method_names[call.method] : "method";
            other_.push_back({call.receiver, call.argument, ModelEdge::Type::kHook, name + "()"});
          },
          [&](const Collect&) { Settle(true); },
          [&](const SetGcEnabled&) {},
          [&](const SetThresholds&) {},
          // A restart or an ended interpreter frees what it held: not modelled (the graph
          // of the main interpreter is what the picture is about).
          [&](const Lifecycle&) {},
      },
      op.body);
  Settle(false);
}

void GraphModel::FinalStep() {
  for (ModelNode& node : nodes_) node.root = false;
  Settle(true);
}

std::vector<bool> GraphModel::Unreachable() const {
  std::vector<bool> reached(nodes_.size(), false);
  std::vector<NodeId> pending;
  for (size_t id = 0; id < nodes_.size(); ++id) {
    if (!nodes_[id].freed && (nodes_[id].root || nodes_[id].kept)) {
      reached[id] = true;
      pending.push_back(static_cast<NodeId>(id));
    }
  }
  while (!pending.empty()) {
    const NodeId id = pending.back();
    pending.pop_back();
    for (const Slot& slot : owned_[id]) {
      if (slot.to >= 0 && !reached[slot.to] && !nodes_[slot.to].freed) {
        reached[slot.to] = true;
        pending.push_back(static_cast<NodeId>(slot.to));
      }
    }
  }
  std::vector<bool> unreachable(nodes_.size());
  for (size_t id = 0; id < nodes_.size(); ++id) unreachable[id] = !reached[id] && !nodes_[id].freed;
  return unreachable;
}

void GraphModel::Settle(bool collect) {
  const std::vector<bool> unreachable = Unreachable();
  const size_t count = nodes_.size();
  // Without a collection, only what no cycle keeps goes: an unreachable node survives when
  // a cycle of unreachable nodes owns it (or it is on one).
  std::vector<bool> kept_by_cycle(count, false);
  if (!collect) {
    for (size_t start = 0; start < count; ++start) {
      if (!unreachable[start]) continue;
      // Does `start` reach itself through unreachable nodes?
      std::vector<bool> seen(count, false);
      std::vector<size_t> pending = {start};
      bool cycle = false;
      while (!pending.empty() && !cycle) {
        const size_t id = pending.back();
        pending.pop_back();
        for (const Slot& slot : owned_[id]) {
          if (slot.to < 0 || !unreachable[slot.to]) continue;
          if (static_cast<size_t>(slot.to) == start) cycle = true;
          if (!seen[slot.to]) {
            seen[slot.to] = true;
            pending.push_back(static_cast<size_t>(slot.to));
          }
        }
      }
      if (!cycle) continue;
      kept_by_cycle[start] = true;
      for (size_t id = 0; id < count; ++id) kept_by_cycle[id] = kept_by_cycle[id] || seen[id];
    }
  }
  for (size_t id = 0; id < count; ++id) {
    if (unreachable[id] && !kept_by_cycle[id]) nodes_[id].freed = true;
  }
}

std::vector<ModelEdge> GraphModel::Edges() const {
  std::vector<ModelEdge> edges;
  for (size_t id = 0; id < owned_.size(); ++id) {
    for (const Slot& slot : owned_[id]) {
      if (slot.to < 0) continue;
      edges.push_back({static_cast<NodeId>(id), static_cast<NodeId>(slot.to),
                       ModelEdge::Type::kOwned, slot.label});
    }
  }
  edges.insert(edges.end(), other_.begin(), other_.end());
  return edges;
}

}  // namespace gcfuzz::gen
