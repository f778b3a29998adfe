// What a node is. Nodes are numbered by creation order: the i-th CreateNode operation of a
// program creates node i (so a program cannot name a node twice or name one out of order).
#pragma once

#include <cstdint>

namespace gcfuzz::gen {

using NodeId = uint8_t;

enum class NodeBase : uint8_t {
  // An instance of fixture kind `fixture`.
  kFixture,
  // An instance of a Python subclass of fixture kind `fixture`; its __del__ runs the
  // creating operation's hook actions (no __del__ when the hook is absent).
  kFixtureSubclass,
  kList,
  kDict,
  kTuple,
  kSet,
  // A function whose closure cell holds a reference (`def f(): return cell`), so the cell
  // is reachable only through the function, as in real closures.
  kClosure,
  // types.MethodType(function, receiver): owns its receiver, immutably.
  kBoundMethod,
  // weakref.ref(referent[, callback]); the callback runs the hook actions.
  kWeakref,
  // A chain of fixtures of kind `fixture`, each holding the next in slot 0 (CreateNode::
  // chain_length_class says how many); the node is the head. Deep ownership chains are
  // what tp_dealloc without the trashcan mechanism cannot free (missing-trashcan).
  kChain,
  kMaxValue = kChain,
};

struct NodeKind {
  NodeBase base = NodeBase::kList;
  // The fixture kind (KindCatalog index) for kFixture and kFixtureSubclass; 0 otherwise,
  // so that equal kinds compare equal.
  uint8_t fixture = 0;

  bool operator==(const NodeKind&) const = default;
};

inline bool IsFixtureBased(NodeBase base) {
  return base == NodeBase::kFixture || base == NodeBase::kFixtureSubclass ||
         base == NodeBase::kChain;
}

// The lengths of chains, by CreateNode::chain_length_class. The last is deep enough to
// overflow an 8 MiB stack through recursive deallocation under ASan (about 50,000 levels
// are needed there); building it costs tens of milliseconds, so the decoder picks it rarely.
inline constexpr int kChainLengths[] = {2, 16, 256, 100000};
inline constexpr int kChainLengthClasses = sizeof(kChainLengths) / sizeof(kChainLengths[0]);

// Kinds whose creation runs a hook: __del__ for subclasses, the callback for weakrefs.
inline bool HasHookSlot(NodeBase base) {
  return base == NodeBase::kFixtureSubclass || base == NodeBase::kWeakref;
}

// Kinds that cannot exist without exactly one argument (the receiver, the referent).
inline bool NeedsOneArgument(NodeBase base) {
  return base == NodeBase::kBoundMethod || base == NodeBase::kWeakref;
}

// The most constructor arguments a kind takes, before Limits::max_args applies.
inline int MaxArgumentsOf(NodeBase base, int max_args) {
  switch (base) {
    case NodeBase::kFixture:
    case NodeBase::kFixtureSubclass:
      // Constructor arguments (Frozen's items, Var's fill); the catalog says how many a
      // kind takes (FixtureKind::constructor_args), which is the decoder's preference only.
      return max_args;
    case NodeBase::kChain:
      return 0;
    case NodeBase::kClosure:  // the cell starts empty or holds one reference
      return max_args > 0 ? 1 : 0;
    case NodeBase::kBoundMethod:
    case NodeBase::kWeakref:
      return 1;  // whatever max_args says: they cannot exist without it
    case NodeBase::kList:
    case NodeBase::kDict:
    case NodeBase::kTuple:
    case NodeBase::kSet:
      return max_args;
  }
  return 0;
}

}  // namespace gcfuzz::gen
