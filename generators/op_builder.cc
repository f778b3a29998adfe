#include "generators/op_builder.h"

#include <algorithm>
#include <utility>

#include "generators/node_capabilities.h"

namespace gcfuzz::gen {

enum class OpBuilder::OpChoice {
  kCreate,
  kAddEdge,
  kRemoveEdge,
  kDropRoot,
  kKeepAlive,
  kTouch,
  kCallMethod,
  kCollect,
  kSetGcEnabled,
  kSetThresholds,
};

namespace {

template <typename T>
struct Weighted {
  T value;
  uint32_t weight;
};

// One Choose() over the summed weights of the entries whose weight is not 0. The weights
// are tuned so that typical programs build cycles (creates and edges dominate) and still
// collect, drop and finalize often enough to exercise the collector in between.
template <typename T, size_t N>
T PickWeighted(const Weighted<T> (&table)[N], ChoiceSource& source) {
  uint32_t total = 0;
  for (const auto& entry : table) total += entry.weight;
  uint32_t pick = source.Choose(total);
  for (const auto& entry : table) {
    if (pick < entry.weight) return entry.value;
    pick -= entry.weight;
  }
  // Only reached when every weight is 0, which the callers exclude.
  return table[N - 1].value;
}

uint32_t If(bool condition, uint32_t weight) { return condition ? weight : 0; }

}  // namespace

OpBuilder::OpBuilder(const KindCatalog& catalog, const Limits& limits)
    : catalog_(catalog), limits_(limits) {
  for (int i = 0; i < catalog_.kind_count(); ++i) {
    if (catalog_.kinds[i].subclassable) subclassable_kinds_.push_back(i);
    for (uint8_t method : catalog_.kinds[i].methods) {
      if (method >= method_kinds_.size()) method_kinds_.resize(method + 1, 0);
      ++method_kinds_[method];
    }
    if (catalog_.kinds[i].slots > 0 || catalog_.kinds[i].constructor_args > 0) chainable_kinds_.push_back(i);
  }
}

void OpBuilder::Observe(const Op& op) {
  if (limits_.lifecycle_ops) ObserveLifecycle(op);
  if (const auto* create = std::get_if<CreateNode>(&op.body)) AddNode(*create);
  if (const auto* call = std::get_if<CallMethod>(&op.body)) last_call_ = *call;
  if (const auto* edge = std::get_if<AddEdge>(&op.body)) NoteEdge(*edge);
}

void OpBuilder::NoteEdge(const AddEdge& edge) {
  if (edge.from >= kinds_.size() || !IsFixtureBased(kinds_[edge.from].base)) return;
  // A program has at most Limits::max_nodes nodes (16 by default): a scan of the few that
  // hold something costs less than a flag per node kept in step with it.
  if (std::find(holding_fixtures_.begin(), holding_fixtures_.end(), edge.from) != holding_fixtures_.end()) return;
  holding_fixtures_.push_back(edge.from);
}

void OpBuilder::AddNode(const CreateNode& create) {
  const NodeKind kind = create.kind;
  const NodeId id = static_cast<NodeId>(kinds_.size());
  kinds_.push_back(kind);
  node_session_.push_back(op_session_);
  own_class_.push_back(create.own_class);
  if (CanHoldEdges(kind, catalog_, limits_.max_edge_index)) holders_.push_back(id);
  if (IsWeakrefable(kind, catalog_)) weakrefable_.push_back(id);
  if (IsHashable(kind)) hashable_.push_back(id);
  if (kind.base == NodeBase::kClosure || kind.base == NodeBase::kBoundMethod) callable_.push_back(id);
  if (IsFixtureBased(kind.base)) fixtures_.push_back(id);
}

Op OpBuilder::Generate(ChoiceSource& source) {
  if (!pending_.empty()) {
    Op op = std::move(pending_.back());
    pending_.pop_back();
    return op;
  }
  Op op;
  const std::optional<DeferredCreate> deferred = std::exchange(deferred_, std::nullopt);
  if (deferred) {
    op = deferred->header;  // the same thread and interpreter as the callable made for it
  } else {
    // Which thread runs it: a structural choice, taken only when there is one to take, so
    // single-threaded limits decode every input exactly as before threads existed.
    if (limits_.max_threads > 1) op.thread = static_cast<uint8_t>(source.Choose(limits_.max_threads));
    // Lifecycle programs: an event, or the interpreter the graph operation runs in.
    if (limits_.lifecycle_ops && GenerateLifecycle(source, op)) return op;
  }
  switch (deferred ? OpChoice::kCreate : ChooseOp(source)) {
    case OpChoice::kCreate: {
      std::optional<AddEdge> into = ChooseOwner(source);
      const NodeKind kind = deferred ? deferred->kind : ChooseKind(source);
      if (NeedsCallableFirst(kind)) {
        // A constructor that calls back (Var's fill) with nothing to call would only raise
        // TypeError: make a closure now, the create next.
        deferred_ = DeferredCreate{kind, op};
        CreateNode closure;
        closure.kind.base = NodeBase::kClosure;
        op.body = closure;
        AddNode(closure);
        break;
      }
      op.body = GenerateCreate(source, kind, into ? std::optional<NodeId>(into->from) : std::nullopt);
      const CreateNode& create = std::get<CreateNode>(op.body);
      if (into && !(AddsSetMember(*into) && !IsHashable(create.kind))) {
        into->to = static_cast<NodeId>(node_count());
        Op drop = op;
        drop.body = DropRoot{into->to};
        Op edge = op;
        edge.body = *into;
        pending_ = {drop, edge};
      }
      AddNode(create);
      if (!pending_.empty()) NoteEdge(std::get<AddEdge>(pending_.back().body));
      break;
    }
    case OpChoice::kAddEdge:
      op.body = GenerateAddEdge(source);
      NoteEdge(std::get<AddEdge>(op.body));
      break;
    case OpChoice::kRemoveEdge:
      op.body = GenerateRemoveEdge(source);
      break;
    case OpChoice::kDropRoot:
      op.body = DropRoot{AnyNode(source)};
      break;
    case OpChoice::kKeepAlive:
      op.body = KeepAlive{AnyNode(source)};
      break;
    case OpChoice::kTouch:
      op.body = Touch{AnyNode(source)};
      break;
    case OpChoice::kCallMethod: {
      CallMethod call;
      if (last_call_ && source.Choose(4) == 0) {
        // The previous call again, on the same receiver (with an argument drawn afresh):
        // stateful objects are reached by repetition (a third slots() on a pool of two,
        // a second keep() replacing the first).
        call = *last_call_;
      } else {
        // Mostly a fixture: the methods are theirs (on other nodes a call is a no-op). Half
        // of those one that holds something: clear_slots() on a holder of three members
        // releases them one after the other, and whatever their release runs finds the
        // holder half-way (on a fixture that holds nothing, most methods do nothing).
        const bool fixture = !fixtures_.empty() && source.Choose(4) != 0;
        const bool holding = fixture && !holding_fixtures_.empty() && source.Choose(2) == 0;
        call.receiver = holding ? Pick(holding_fixtures_, source)
                                : fixture ? Pick(fixtures_, source) : AnyNode(source);
        call.method = ChooseMethod(call.receiver, holding, source);
        const int arguments = catalog_.MethodArguments(call.method);
        call.has_argument = arguments < 0 ? source.Choose(2) != 0 : arguments == 1;
      }
      call.argument = call.has_argument ? AnyNode(source) : 0;
      last_call_ = call;
      op.body = call;
      break;
    }
    case OpChoice::kCollect:
      op.body = Collect{static_cast<uint8_t>(source.Choose(3))};
      break;
    case OpChoice::kSetGcEnabled:
      op.body = SetGcEnabled{source.Choose(2) != 0};
      break;
    case OpChoice::kSetThresholds: {
      // Half the time tiny first thresholds, so collections fire inside allocations.
      const uint32_t first_range = source.Choose(2) != 0 ? 8 : limits_.max_threshold;
      auto threshold = [&](uint32_t range) {
        return static_cast<uint16_t>(
            1 + source.Payload(std::min<uint32_t>(range, limits_.max_threshold)));
      };
      SetThresholds thresholds;
      thresholds.threshold0 = threshold(first_range);
      thresholds.threshold1 = threshold(16);
      thresholds.threshold2 = threshold(16);
      op.body = thresholds;
      break;
    }
  }
  return op;
}

bool OpBuilder::Applicable(OpChoice choice) const {
  switch (choice) {
    case OpChoice::kCreate:
      return node_count() < std::min(limits_.max_nodes, kNodeIdCapacity);
    case OpChoice::kAddEdge:
    case OpChoice::kRemoveEdge:
      return !holders_.empty();
    case OpChoice::kDropRoot:
    case OpChoice::kKeepAlive:
    case OpChoice::kTouch:
      return node_count() > 0;
    case OpChoice::kCallMethod:
      return node_count() > 0 && catalog_.method_count() > 0;
    case OpChoice::kCollect:
    case OpChoice::kSetGcEnabled:
    case OpChoice::kSetThresholds:
      return true;
  }
  return false;
}

OpBuilder::OpChoice OpBuilder::ChooseOp(ChoiceSource& source) const {
  const Weighted<OpChoice> table[] = {
      {OpChoice::kCreate, If(Applicable(OpChoice::kCreate), 26)},
      {OpChoice::kAddEdge, If(Applicable(OpChoice::kAddEdge), 24)},
      {OpChoice::kRemoveEdge, If(Applicable(OpChoice::kRemoveEdge), 3)},
      {OpChoice::kDropRoot, If(Applicable(OpChoice::kDropRoot), 12)},
      {OpChoice::kKeepAlive, If(Applicable(OpChoice::kKeepAlive), 3)},
      {OpChoice::kTouch, If(Applicable(OpChoice::kTouch), 5)},
      {OpChoice::kCallMethod, If(Applicable(OpChoice::kCallMethod), 10)},
      {OpChoice::kSetGcEnabled, 2},
      {OpChoice::kSetThresholds, 5},
      // Last: the fallback when nothing else applies, and always applicable.
      {OpChoice::kCollect, 10},
  };
  return PickWeighted(table, source);
}

// A method the receiver's kind has (FixtureKind::methods), or any when that is not known
// (builtin nodes: the call is then a no-op, which costs nothing).
uint8_t OpBuilder::ChooseMethod(NodeId receiver, bool holding, ChoiceSource& source) const {
  const NodeKind kind = kinds_[receiver];
  if (IsFixtureBased(kind.base) && kind.fixture < catalog_.kind_count()) {
    const std::vector<uint8_t>& methods = catalog_.kinds[kind.fixture].methods;
    if (methods.empty()) return static_cast<uint8_t>(source.Choose(catalog_.method_count()));
    // A fixture that holds something is asked half the time to let go of it, when it has
    // a method that does: the finalizers of what it held then run while it is half-way.
    if (holding) {
      std::vector<uint8_t> releasing;
      for (uint8_t method : methods) {
        if (std::find(catalog_.releasing_methods.begin(), catalog_.releasing_methods.end(),
                      method) != catalog_.releasing_methods.end()) {
          releasing.push_back(method);
        }
      }
      if (!releasing.empty() && source.Choose(2) == 0) return releasing[source.Choose(releasing.size())];
    }
    // Half the time one of the kind's own methods (the ones fewest kinds have: Context's
    // slots()), which a uniform pick among a dozen common ones would rarely repeat.
    int rarest = kNodeIdCapacity;
    for (uint8_t method : methods) rarest = std::min(rarest, method_kinds_[method]);
    std::vector<uint8_t> own;
    for (uint8_t method : methods) {
      if (method_kinds_[method] == rarest) own.push_back(method);
    }
    if (own.size() < methods.size() && source.Choose(2) == 0) return own[source.Choose(own.size())];
    return methods[source.Choose(methods.size())];
  }
  return static_cast<uint8_t>(source.Choose(catalog_.method_count()));
}

std::optional<AddEdge> OpBuilder::ChooseOwner(ChoiceSource& source) const {
  // Not in lifecycle programs: their edges must stay within one interpreter's session.
  if (limits_.lifecycle_ops || holders_.empty() || source.Choose(2) != 0) return std::nullopt;
  return EdgeWithLabel(GenerateRemoveEdge(source));
}

bool OpBuilder::NeedsCallableFirst(NodeKind kind) const {
  return IsFixtureBased(kind.base) && kind.fixture < catalog_.kind_count() &&
         catalog_.kinds[kind.fixture].calls_argument &&
         catalog_.kinds[kind.fixture].constructor_args > 0 && limits_.max_args > 0 &&
         callable_.empty() && node_count() + 2 <= std::min(limits_.max_nodes, kNodeIdCapacity);
}

CreateNode OpBuilder::GenerateCreate(ChoiceSource& source, NodeKind kind, std::optional<NodeId> owner) const {
  CreateNode create;
  create.kind = kind;
  create.args = ChooseArgs(create.kind, source);
  if (create.kind.base == NodeBase::kFixtureSubclass) {
    create.has_hook = source.Choose(4) != 0;  // mostly with __del__: that is why it exists
    // A class of its own costs a type object per node: one subclass node in eight.
    create.own_class = source.Choose(8) == 0;
  } else if (create.kind.base == NodeBase::kChain) {
    // The deepest chain costs up to a few hundred milliseconds to build and free under
    // ASan, so it is one chain in ~150. At 1 in 1,750 the mutated programs of a fuzzing
    // run had none in 292,000 executions and missing-trashcan was found by 2 hunt seeds
    // of 5; at this rate (with mutate.cc's 1 in 128) 1 execution in 2,000 to 15,000 has
    // one, every seed finds it, and bench/graph_fuzzer_speed.py stays above 7,000 exec/s.
    const Weighted<uint8_t> lengths[] = {{0, 1000}, {1, 500}, {2, 250}, {3, 12}};
    create.chain_length_class = PickWeighted(lengths, source);
  } else if (create.kind.base == NodeBase::kWeakref) {
    create.has_hook = source.Choose(2) != 0;
  }
  if (create.has_hook) create.hook = ChooseHook(source, owner);
  return create;
}

NodeKind OpBuilder::ChooseKind(ChoiceSource& source) const {
  const std::vector<int>& subclassable = subclassable_kinds_;
  const std::vector<int>& chainable = chainable_kinds_;
  const bool have_nodes = node_count() > 0;
  const Weighted<NodeBase> table[] = {
      {NodeBase::kFixture, If(catalog_.kind_count() > 0, 30)},
      {NodeBase::kFixtureSubclass, If(!subclassable.empty(), 14)},
      {NodeBase::kTuple, 5},
      {NodeBase::kDict, 6},
      {NodeBase::kSet, 4},
      {NodeBase::kClosure, 4},
      {NodeBase::kBoundMethod, If(have_nodes, 4)},
      {NodeBase::kWeakref, If(!weakrefable_.empty(), 16)},
      {NodeBase::kList, 8},
      {NodeBase::kChain, If(!chainable.empty(), 1)},
  };
  NodeKind kind;
  kind.base = PickWeighted(table, source);
  if (kind.base == NodeBase::kFixture) {
    kind.fixture = static_cast<uint8_t>(source.Choose(catalog_.kind_count()));
  } else if (kind.base == NodeBase::kFixtureSubclass) {
    kind.fixture = static_cast<uint8_t>(subclassable[source.Choose(subclassable.size())]);
  } else if (kind.base == NodeBase::kChain) {
    kind.fixture = static_cast<uint8_t>(chainable[source.Choose(chainable.size())]);
  }
  return kind;
}

std::vector<NodeId> OpBuilder::ChooseArgs(NodeKind kind, ChoiceSource& source) const {
  std::vector<NodeId> args;
  switch (kind.base) {
    case NodeBase::kFixture:
    case NodeBase::kFixtureSubclass: {
      // Constructor arguments where the kind takes them (a quarter of the time none: the
      // defaults); a callable first for a constructor that calls it (Var's fill), one in
      // eight times none, since without a callable it can only raise TypeError.
      const FixtureKind& fixture = catalog_.kinds[kind.fixture];
      const int wanted = std::min({fixture.constructor_args, limits_.max_args, node_count()});
      const bool calls = fixture.calls_argument && !callable_.empty();
      if (wanted == 0 || source.Choose(calls ? 8 : 4) == 0) break;
      const int count = 1 + source.Choose(wanted);
      for (int i = 0; i < count; ++i) {
        args.push_back(i == 0 && calls ? Pick(callable_, source) : AnyNode(source));
      }
      break;
    }
    case NodeBase::kChain:
      break;
    case NodeBase::kList:
    case NodeBase::kDict:
    case NodeBase::kTuple: {
      const int count = source.Choose(std::min(limits_.max_args, node_count()) + 1);
      args.reserve(count);
      for (int i = 0; i < count; ++i) args.push_back(AnyNode(source));
      break;
    }
    case NodeBase::kSet: {
      const int count = source.Choose(std::min<int>(limits_.max_args, hashable_.size()) + 1);
      args.reserve(count);
      for (int i = 0; i < count; ++i) args.push_back(Pick(hashable_, source));
      break;
    }
    case NodeBase::kClosure:
      if (node_count() > 0 && limits_.max_args > 0 && source.Choose(2) != 0) {
        args.push_back(AnyNode(source));
      }
      break;
    case NodeBase::kBoundMethod:
      args.push_back(AnyNode(source));
      break;
    case NodeBase::kWeakref:
      args.push_back(Pick(weakrefable_, source));
      break;
  }
  return args;
}

std::vector<Action> OpBuilder::ChooseHook(ChoiceSource& source, std::optional<NodeId> owner) const {
  std::vector<Action> hook(source.Choose(limits_.max_hook_actions + 1));
  for (Action& action : hook) action = ChooseAction(source, owner);
  return hook;
}

Action OpBuilder::ChooseAction(ChoiceSource& source, std::optional<NodeId> owner) const {
  const Weighted<ActionKind> table[] = {
      {ActionKind::kTouch, 30},  {ActionKind::kStashWeakref, 12}, {ActionKind::kResurrect, 12},
      {ActionKind::kDropRoot, 8}, {ActionKind::kRaise, 6},        {ActionKind::kCollect, 12},
  };
  Action action;
  action.kind = PickWeighted(table, source);
  // node_count() is the id of the node being created: the hook's owner ("self"). For a
  // node created into a holder, half the time that holder (a finalizer reading its
  // owner); otherwise half the time one of the few nodes made just before it, which are
  // the likeliest to hold it or be held by it.
  if (ActionHasTarget(action.kind)) {
    const int recent = std::min(node_count(), 3);
    if (owner && source.Choose(2) == 0) {
      action.target = *owner;
    } else {
      action.target = recent > 0 && source.Choose(2) == 0
                          ? static_cast<NodeId>(node_count() - 1 - source.Choose(recent))
                          : static_cast<NodeId>(source.Choose(node_count() + 1));
    }
  }
  if (action.kind == ActionKind::kCollect) action.generation = static_cast<uint8_t>(source.Choose(3));
  return action;
}

AddEdge OpBuilder::GenerateAddEdge(ChoiceSource& source) const {
  AddEdge edge = EdgeWithLabel(GenerateRemoveEdge(source));
  edge.to = AddsSetMember(edge) && !hashable_.empty() ? Pick(hashable_, source) : AnyNode(source);
  return edge;
}

AddEdge OpBuilder::EdgeWithLabel(const RemoveEdge& label) {
  AddEdge edge;
  edge.from = label.from;
  edge.via = label.via;
  edge.index = label.index;
  return edge;
}

bool OpBuilder::AddsSetMember(const AddEdge& edge) const {
  return edge.via == EdgeVia::kItem && kinds_[edge.from].base == NodeBase::kSet;
}

RemoveEdge OpBuilder::GenerateRemoveEdge(ChoiceSource& source) const {
  RemoveEdge label;
  label.from = Pick(holders_, source);
  const NodeKind kind = kinds_[label.from];
  std::pair<EdgeVia, int> vias[4];
  int via_count = 0;
  for (EdgeVia via : {EdgeVia::kSlot, EdgeVia::kAttribute, EdgeVia::kItem, EdgeVia::kClassAttribute}) {
    if (via == EdgeVia::kClassAttribute && !own_class_[label.from]) continue;
    const int slots = EdgeSlotsOf(kind, via, catalog_, limits_.max_edge_index);
    if (slots > 0) vias[via_count++] = {via, slots};
  }
  const auto [via, slots] = vias[source.Choose(via_count)];
  label.via = via;
  label.index = static_cast<uint8_t>(source.Payload(slots));
  return label;
}

NodeId OpBuilder::Pick(const std::vector<NodeId>& candidates, ChoiceSource& source) const {
  if (limits_.lifecycle_ops) return PickLive(candidates, source);
  return candidates[source.Choose(candidates.size())];
}

NodeId OpBuilder::AnyNode(ChoiceSource& source) const {
  if (limits_.lifecycle_ops) return PickLive(std::nullopt, source);
  return static_cast<NodeId>(source.Choose(node_count()));
}

}  // namespace gcfuzz::gen
