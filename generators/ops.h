// The operations of a program. Each names nodes by NodeId (creation order, node_kind.h).
//
// Validity is structural (validate.h): every node an operation names exists at that point.
// Whether the operation makes sense for that node (a slot on a list, a weakref to a tuple,
// a method the receiver lacks) is the decoder's preference, not an invariant: the executor
// turns an operation that does not apply into a no-op, and does the same when the node it
// names is no longer alive. That keeps every mutation valid without consulting semantics.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "generators/actions.h"
#include "generators/node_kind.h"

namespace gcfuzz::gen {

// Creates the next node; the program holds a root reference to it until DropRoot.
struct CreateNode {
  NodeKind kind;
  // Existing nodes: tuple items, initial items of a list/dict/set (dict keys 0, 1, ...), the
  // closure cell's initial contents, the bound method's receiver, the weakref's referent.
  std::vector<NodeId> args;
  // For kFixtureSubclass: the class defines __del__. For kWeakref: there is a callback.
  // Always false for other kinds.
  bool has_hook = false;
  // What __del__ / the callback does, in order. Empty unless has_hook.
  std::vector<Action> hook;
  // For kFixtureSubclass: the node gets a class of its own, created with it, instead of the
  // subclass shared by every node of that fixture kind and hook; its class attributes can
  // then hold references (EdgeVia::kClassAttribute), and the class dies with the program's
  // graph (heap types collected with their instances). Always false for other kinds.
  bool own_class = false;
  // For kChain: the chain has kChainLengths[chain_length_class] fixtures. 0 otherwise.
  uint8_t chain_length_class = 0;

  bool operator==(const CreateNode&) const = default;
};

// How one node holds a strong reference to another.
enum class EdgeVia : uint8_t {
  // Container item: list position `index` (appends when the list is shorter), dict key
  // `index`, set membership, the closure cell's contents (index ignored for the last two).
  kItem,
  // Attribute `a<index>` (needs a __dict__).
  kAttribute,
  // Fixture object slot `index`.
  kSlot,
  // Attribute `a<index>` of the node's own class (CreateNode::own_class); a no-op for a
  // node without one, so a program never changes a class shared beyond its own graph.
  kClassAttribute,
  kMaxValue = kClassAttribute,
};

// from.<via index> = to (self loops allowed).
struct AddEdge {
  NodeId from = 0;
  NodeId to = 0;
  EdgeVia via = EdgeVia::kItem;
  uint8_t index = 0;

  bool operator==(const AddEdge&) const = default;
};

// del from.<via index>. For a set or a closure, whose single label has no index, it empties
// the set / the cell (set.pop() would depend on addresses, and runs must be repeatable).
struct RemoveEdge {
  NodeId from = 0;
  EdgeVia via = EdgeVia::kItem;
  uint8_t index = 0;

  bool operator==(const RemoveEdge&) const = default;
};

// The program forgets its root reference to the node (the node lives on only through the
// graph, or dies).
struct DropRoot {
  NodeId node = 0;

  bool operator==(const DropRoot&) const = default;
};

// A global keeps the node alive from now on; the final step touches it after collecting.
struct KeepAlive {
  NodeId node = 0;

  bool operator==(const KeepAlive&) const = default;
};

// Read the node's payload; for a weakref node, call it and touch the referent if alive.
struct Touch {
  NodeId node = 0;

  bool operator==(const Touch&) const = default;
};

// receiver.<method_names[method]>(argument?) — fixture methods such as keep()/use() reach
// borrowed-reference and error-path bugs.
struct CallMethod {
  NodeId receiver = 0;
  uint8_t method = 0;
  bool has_argument = false;
  NodeId argument = 0;  // 0 unless has_argument

  bool operator==(const CallMethod&) const = default;
};

// gc.collect(generation), generation 0..2.
struct Collect {
  uint8_t generation = 2;

  bool operator==(const Collect&) const = default;
};

// gc.enable() / gc.disable().
struct SetGcEnabled {
  bool enabled = true;

  bool operator==(const SetGcEnabled&) const = default;
};

// gc.set_threshold(threshold0, threshold1, threshold2), each in [1, Limits::max_threshold].
struct SetThresholds {
  uint16_t threshold0 = 700;
  uint16_t threshold1 = 10;
  uint16_t threshold2 = 10;

  bool operator==(const SetThresholds&) const = default;
};

// The interpreters' lifecycle (lifecycle_fuzzer only: Limits::lifecycle_ops). Nodes of an
// interpreter that ended, or of a runtime that was finalized, are dead from then on: an
// operation naming one is a no-op, as for any node that is gone.
enum class LifecycleEvent : uint8_t {
  // Py_Finalize then initialize again (the fixtures imported anew); op.interpreter is 0.
  // Every running subinterpreter ends first.
  kRestart,
  // Start subinterpreter op.interpreter (>= 1); a no-op when it is running.
  kStartInterpreter,
  // End subinterpreter op.interpreter (>= 1); a no-op when it is not running.
  kEndInterpreter,
  kMaxValue = kEndInterpreter,
};

// What the program still holds when its interpreter ends (its roots, kept-alive nodes) is
// left to that interpreter's finalization, as an embedding application leaves its
// thread-local state: see executor/lifecycle_run.h.
struct Lifecycle {
  LifecycleEvent event = LifecycleEvent::kRestart;

  bool operator==(const Lifecycle&) const = default;
};

// The variant's alternative index is part of nothing persistent (serialize.cc has its own
// opcodes), so alternatives may be reordered freely.
using OpBody = std::variant<CreateNode, AddEdge, RemoveEdge, DropRoot, KeepAlive, Touch,
                            CallMethod, Collect, SetGcEnabled, SetThresholds, Lifecycle>;

inline constexpr uint8_t kMaxFailAllocation = 6;

struct Op {
  OpBody body;
  // Where the operation runs: thread 0 and interpreter 0 are the main ones. The decoder
  // emits 0 for both until the executor supports more (Limits::max_threads/interpreters).
  uint8_t thread = 0;
  uint8_t interpreter = 0;
  // Injected allocation failure (fixtures/injected_failure.h): 0 none; n, the n-th
  // allocation the fixtures make while this operation runs fails with MemoryError (its
  // finalizers and callbacks included), so their error paths run. At most
  // kMaxFailAllocation: a constructor or method makes a few allocations (Slots() five: a
  // fresh Context, its payload and state, the Slots, the buffer issued to it).
  uint8_t fail_allocation = 0;

  bool operator==(const Op&) const = default;
};

}  // namespace gcfuzz::gen
