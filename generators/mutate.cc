#include "generators/mutate.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "generators/choice_source.h"
#include "generators/op_builder.h"
#include "generators/op_references.h"
#include "generators/repair.h"

namespace gcfuzz::gen {

namespace {

// Runs of operations deleted or duplicated at once: enough to remove or copy a small
// motif (create + edge + drop) in one step.
constexpr uint32_t kMaxRun = 4;

class Mutator {
 public:
  Mutator(const Program& program, Rng& rng, const KindCatalog& catalog, const Limits& limits)
      : program_(program),
        edited_(ToEdited(program)),
        node_count_(CountNodes(program)),
        rng_(rng),
        catalog_(catalog),
        limits_(limits) {}

  Program Run(Mutation mutation) {
    if (!Apply(mutation)) Insert();
    return Repair(edited_, catalog_, limits_);
  }

 private:
  // False when nothing in the program is subject to the mutation.
  bool Apply(Mutation mutation) {
    switch (mutation) {
      case Mutation::kInsert:
        Insert();
        return true;
      case Mutation::kDelete:
        return Delete();
      case Mutation::kDuplicate:
        return Duplicate();
      case Mutation::kMove:
        return Move();
      case Mutation::kSwap:
        return Swap();
      case Mutation::kRetarget:
        return Retarget();
      case Mutation::kChangeKind:
        return ChangeKind();
      case Mutation::kChangeHook:
        return ChangeHook();
      case Mutation::kChangeLabel:
        return ChangeLabel();
      case Mutation::kChangeGc:
        return ChangeGc();
      case Mutation::kChangeThread:
        return ChangeThread();
      case Mutation::kFailAllocation:
        return FailAllocation();
    }
    return false;
  }

  void Insert() {
    const size_t position = rng_.Below(edited_.size() + 1);
    OpBuilder builder(catalog_, limits_);
    for (size_t i = 0; i < position; ++i) builder.Observe(program_.ops[i]);
    // The builder numbers new nodes after the prefix, which in the old numbering are
    // later nodes; tokens past every old node keep each new node meaning itself.
    const int first_new = builder.node_count();
    int created = 0;
    RngChoiceSource source(rng_);
    std::vector<EditedOp> inserted;
    // A create into a holder comes with its edge and its drop, a create that needs a
    // callable with the closure made first: inserted together.
    do {
      EditedOp edit{builder.Generate(source), -1, 0};
      ForEachReference(edit.op, [&](NodeId& reference, ReferenceRole) {
        if (reference >= first_new) reference = static_cast<NodeId>(node_count_ + (reference - first_new));
      });
      if (std::holds_alternative<CreateNode>(edit.op.body)) edit.defines = node_count_ + created++;
      inserted.push_back(std::move(edit));
    } while (builder.has_pending());
    edited_.insert(edited_.begin() + position, inserted.begin(), inserted.end());
  }

  bool Delete() {
    if (edited_.empty()) return false;
    const size_t start = rng_.Below(edited_.size());
    const size_t length = 1 + rng_.Below(std::min<size_t>(kMaxRun, edited_.size() - start));
    edited_.erase(edited_.begin() + start, edited_.begin() + start + length);
    return true;
  }

  bool Duplicate() {
    if (edited_.empty()) return false;
    const size_t start = rng_.Below(edited_.size());
    const size_t length = 1 + rng_.Below(std::min<size_t>(kMaxRun, edited_.size() - start));
    std::vector<EditedOp> copies(edited_.begin() + start, edited_.begin() + start + length);
    for (EditedOp& copy : copies) copy.defines = -1;  // a copy creates a node of its own
    // Half the time in place, right after the run: the same call again (a second acquire
    // from a pool, a second close) is the repetition most worth making; otherwise anywhere.
    const size_t position = rng_.Below(2) == 0 ? start + length : rng_.Below(edited_.size() + 1);
    edited_.insert(edited_.begin() + position, copies.begin(), copies.end());
    return true;
  }

  bool Move() {
    if (edited_.size() < 2) return false;
    const size_t from = rng_.Below(edited_.size());
    EditedOp moved = std::move(edited_[from]);
    edited_.erase(edited_.begin() + from);
    edited_.insert(edited_.begin() + rng_.Below(edited_.size() + 1), std::move(moved));
    return true;
  }

  bool Swap() {
    if (edited_.size() < 2) return false;
    std::swap(edited_[rng_.Below(edited_.size())], edited_[rng_.Below(edited_.size())]);
    return true;
  }

  bool Retarget() {
    Op* op = PickOp([](Op& candidate) { return CountReferences(candidate) > 0; });
    if (op == nullptr || node_count_ == 0) return false;
    const int chosen = rng_.Below(CountReferences(*op));
    int index = 0;
    ForEachReference(*op, [&](NodeId& reference, ReferenceRole) {
      if (index++ == chosen) reference = RandomNode();
    });
    return true;
  }

  bool ChangeKind() {
    CreateNode* create = PickCreate([](const CreateNode&) { return true; });
    if (create == nullptr) return false;
    create->kind.base = static_cast<NodeBase>(rng_.Below(static_cast<int>(NodeBase::kMaxValue) + 1));
    create->kind.fixture = static_cast<uint8_t>(rng_.Below(std::max(1, catalog_.kind_count())));
    if (NeedsOneArgument(create->kind.base) && create->args.empty() && node_count_ > 0) {
      create->args.push_back(RandomNode());
    }
    if (HasHookSlot(create->kind.base) && !create->has_hook) create->has_hook = rng_.OneIn(2);
    if (!HasHookSlot(create->kind.base)) {
      create->has_hook = false;
      create->hook.clear();
    }
    create->own_class = create->kind.base == NodeBase::kFixtureSubclass && rng_.OneIn(4);
    // The deepest chain is expensive (op_builder.cc): about as rare here as in the decoder.
    create->chain_length_class =
        create->kind.base != NodeBase::kChain ? 0
        : rng_.OneIn(128)                     ? kChainLengthClasses - 1
                                              : static_cast<uint8_t>(rng_.Below(kChainLengthClasses - 1));
    return true;
  }

  bool ChangeHook() {
    CreateNode* create = PickCreate([](const CreateNode& c) { return HasHookSlot(c.kind.base); });
    if (create == nullptr) return false;
    std::vector<Action>& hook = create->hook;
    switch (rng_.Below(5)) {
      case 0:
        create->has_hook = !create->has_hook;
        break;
      case 1:  // add an action
        create->has_hook = true;
        hook.insert(hook.begin() + rng_.Below(hook.size() + 1), RandomAction());
        break;
      case 2:  // remove one
        if (!hook.empty()) hook.erase(hook.begin() + rng_.Below(hook.size()));
        break;
      case 3:  // replace one
        if (!hook.empty()) hook[rng_.Below(hook.size())] = RandomAction();
        break;
      case 4:  // retarget one, or change its generation
        if (!hook.empty()) {
          Action& action = hook[rng_.Below(hook.size())];
          if (action.kind == ActionKind::kCollect) {
            action.generation = static_cast<uint8_t>(rng_.Below(3));
          } else if (ActionHasTarget(action.kind)) {
            action.target = RandomNode();
          }
        }
        break;
    }
    return true;
  }

  bool ChangeLabel() {
    Op* op = PickOp([](Op& candidate) {
      return std::holds_alternative<AddEdge>(candidate.body) ||
             std::holds_alternative<RemoveEdge>(candidate.body) ||
             std::holds_alternative<CallMethod>(candidate.body);
    });
    if (op == nullptr) return false;
    auto change = [&](EdgeVia& via, uint8_t& index) {
      if (rng_.OneIn(2)) {
        via = static_cast<EdgeVia>(rng_.Below(static_cast<int>(EdgeVia::kMaxValue) + 1));
      } else {
        index = static_cast<uint8_t>(rng_.Below(std::max(1, limits_.max_edge_index)));
      }
    };
    if (auto* edge = std::get_if<AddEdge>(&op->body)) {
      change(edge->via, edge->index);
    } else if (auto* removal = std::get_if<RemoveEdge>(&op->body)) {
      change(removal->via, removal->index);
    } else if (auto* call = std::get_if<CallMethod>(&op->body)) {
      if (rng_.OneIn(2)) {
        call->method = static_cast<uint8_t>(rng_.Below(std::max(1, catalog_.method_count())));
      } else {
        call->has_argument = !call->has_argument;
        call->argument = call->has_argument ? RandomNode() : 0;
      }
    }
    return true;
  }

  bool ChangeThread() {
    if (limits_.max_threads <= 1) return false;
    Op* op = PickOp([](Op&) { return true; });
    if (op == nullptr) return false;
    op->thread = static_cast<uint8_t>(rng_.Below(limits_.max_threads));
    return true;
  }

  // Error paths: a create or a method call (where the fixtures allocate) made to meet an
  // allocation failure, or one that does relieved of it. Never the decoder's: raw inputs
  // decode as before, and only programs the mutator edits inject failures.
  bool FailAllocation() {
    Op* op = PickOp([](Op& candidate) {
      const auto* create = std::get_if<CreateNode>(&candidate.body);
      return std::holds_alternative<CallMethod>(candidate.body) ||
             (create != nullptr && IsFixtureBased(create->kind.base));
    });
    if (op == nullptr) return false;
    op->fail_allocation = op->fail_allocation != 0 && rng_.OneIn(2)
                              ? 0
                              : static_cast<uint8_t>(1 + rng_.Below(kMaxFailAllocation));
    return true;
  }

  bool ChangeGc() {
    Op* op = PickOp([](Op& candidate) {
      return std::holds_alternative<Collect>(candidate.body) ||
             std::holds_alternative<SetThresholds>(candidate.body) ||
             std::holds_alternative<SetGcEnabled>(candidate.body);
    });
    if (op == nullptr) return false;
    if (auto* collect = std::get_if<Collect>(&op->body)) {
      collect->generation = static_cast<uint8_t>(rng_.Below(3));
    } else if (auto* enabled = std::get_if<SetGcEnabled>(&op->body)) {
      enabled->enabled = !enabled->enabled;
    } else if (auto* thresholds = std::get_if<SetThresholds>(&op->body)) {
      uint16_t* values[] = {&thresholds->threshold0, &thresholds->threshold1, &thresholds->threshold2};
      // Tiny values are the interesting ones (collections inside allocations).
      const uint32_t range = rng_.OneIn(2) ? 4 : static_cast<uint32_t>(std::max(1, limits_.max_threshold));
      *values[rng_.Below(3)] = static_cast<uint16_t>(1 + rng_.Below(range));
    }
    return true;
  }

  // A uniformly chosen operation satisfying `accept`, or nullptr.
  Op* PickOp(const std::function<bool(Op&)>& accept) {
    std::vector<Op*> candidates;
    for (EditedOp& edit : edited_) {
      if (accept(edit.op)) candidates.push_back(&edit.op);
    }
    return candidates.empty() ? nullptr : candidates[rng_.Below(candidates.size())];
  }

  CreateNode* PickCreate(const std::function<bool(const CreateNode&)>& accept) {
    Op* op = PickOp([&](Op& candidate) {
      const auto* create = std::get_if<CreateNode>(&candidate.body);
      return create != nullptr && accept(*create);
    });
    return op == nullptr ? nullptr : &std::get<CreateNode>(op->body);
  }

  // A node in the old numbering (repair maps it to what exists where it is used).
  NodeId RandomNode() { return static_cast<NodeId>(rng_.Below(std::max(1, node_count_))); }

  Action RandomAction() {
    Action action;
    action.kind = static_cast<ActionKind>(rng_.Below(static_cast<int>(ActionKind::kMaxValue) + 1));
    if (ActionHasTarget(action.kind)) action.target = RandomNode();
    if (action.kind == ActionKind::kCollect) action.generation = static_cast<uint8_t>(rng_.Below(3));
    return action;
  }

  const Program& program_;
  std::vector<EditedOp> edited_;
  const int node_count_;
  Rng& rng_;
  const KindCatalog& catalog_;
  const Limits& limits_;
};

}  // namespace

Program Mutate(const Program& program, Mutation mutation, Rng& rng, const KindCatalog& catalog,
               const Limits& limits) {
  return Mutator(program, rng, catalog, limits).Run(mutation);
}

namespace {

constexpr uint8_t kDeepestChain = kChainLengthClasses - 1;

bool IsDeepestChain(const Op& op) {
  const auto* create = std::get_if<CreateNode>(&op.body);
  return create != nullptr && create->kind.base == NodeBase::kChain &&
         create->chain_length_class == kDeepestChain;
}

}  // namespace

void ShortenInheritedDeepChains(Program& parent, Rng& rng) {
  for (Op& op : parent.ops) {
    if (IsDeepestChain(op) && !rng.OneIn(4)) {
      std::get<CreateNode>(op.body).chain_length_class = kDeepestChain - 1;
    }
  }
}

bool HasDeepestChain(const Program& parent) {
  return std::any_of(parent.ops.begin(), parent.ops.end(), IsDeepestChain);
}

Program Mutate(const Program& program, Rng& rng, const KindCatalog& catalog, const Limits& limits) {
  const auto mutation = static_cast<Mutation>(rng.Below(static_cast<int>(Mutation::kMaxValue) + 1));
  return Mutate(program, mutation, rng, catalog, limits);
}

}  // namespace gcfuzz::gen
