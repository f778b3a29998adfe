// Builds one valid operation at a time, at the end of a program prefix, taking every
// decision from a ChoiceSource. The decoder is this builder fed by the input bytes; the
// mutator's "insert" is the same builder fed by its random generator.
//
// The builder prefers meaningful operations (node_capabilities.h): edges only from nodes
// that can hold them, weakrefs only to weakrefable nodes, set members only hashable.
#pragma once

#include <optional>
#include <vector>

#include "generators/choice_source.h"
#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/ops.h"

namespace gcfuzz::gen {

class OpBuilder {
 public:
  // Both must outlive the builder.
  OpBuilder(const KindCatalog& catalog, const Limits& limits);

  // Accounts for an operation already in the program (the prefix being extended).
  void Observe(const Op& op);

  // A new operation, valid after the observed prefix. Always succeeds: some operation
  // (a collection) is possible at every point. Takes at least one Choose() when the
  // source is not exhausted and no operation is pending, so a decoding loop over it
  // terminates (a create "into a holder" leaves two operations pending, see below).
  Op Generate(ChoiceSource& source);

  int node_count() const { return static_cast<int>(kinds_.size()); }
  // The operations a create into a holder brought along are not all returned yet, or a
  // create waits for the callable made for it.
  bool has_pending() const { return !pending_.empty() || deferred_.has_value(); }

 private:
  enum class OpChoice;

  bool Applicable(OpChoice choice) const;
  OpChoice ChooseOp(ChoiceSource& source) const;
  // A node created straight into a holder (`holder.slot = Kind()`, the commonest way
  // Python code makes an object): the create, an edge from the holder and the drop of the
  // new node's root. The holder then owns it alone, and its finalizer mostly reads its
  // owner: the shape of clear-decref-not-py_clear and of every parent back-pointer.
  std::optional<AddEdge> ChooseOwner(ChoiceSource& source) const;
  CreateNode GenerateCreate(ChoiceSource& source, NodeKind kind, std::optional<NodeId> owner) const;
  // The kind's constructor calls its first argument and no callable node exists yet.
  bool NeedsCallableFirst(NodeKind kind) const;
  NodeKind ChooseKind(ChoiceSource& source) const;
  std::vector<NodeId> ChooseArgs(NodeKind kind, ChoiceSource& source) const;
  std::vector<Action> ChooseHook(ChoiceSource& source, std::optional<NodeId> owner) const;
  Action ChooseAction(ChoiceSource& source, std::optional<NodeId> owner) const;
  AddEdge GenerateAddEdge(ChoiceSource& source) const;
  RemoveEdge GenerateRemoveEdge(ChoiceSource& source) const;
  // An edge from the label's holder, through its route; `to` is left for the caller.
  static AddEdge EdgeWithLabel(const RemoveEdge& label);
  // The edge makes its target a member of a set (which must be hashable).
  bool AddsSetMember(const AddEdge& edge) const;
  // Picks from a non-empty candidate list.
  NodeId Pick(const std::vector<NodeId>& candidates, ChoiceSource& source) const;
  NodeId AnyNode(ChoiceSource& source) const;
  void AddNode(const CreateNode& create);
  // The edge's holder, when a fixture, now holds something (holding_fixtures_).
  void NoteEdge(const AddEdge& edge);
  // `holding`: the receiver was picked as a fixture that holds something.
  uint8_t ChooseMethod(NodeId receiver, bool holding, ChoiceSource& source) const;

  const KindCatalog& catalog_;
  const Limits& limits_;
  std::vector<int> subclassable_kinds_;
  std::vector<int> method_kinds_;  // by catalog method: how many kinds have it
  std::vector<int> chainable_kinds_;  // a link can hold the next: slot 0 or constructor
  std::vector<NodeKind> kinds_;  // by NodeId
  // Candidate lists kept up to date as nodes are added: decoding must take microseconds,
  // and rescanning the node table for every operation does not.
  std::vector<NodeId> holders_;      // can hold edges
  std::vector<NodeId> weakrefable_;
  std::vector<NodeId> hashable_;
  std::vector<NodeId> callable_;     // closures and bound methods: a Var's fill
  std::vector<NodeId> fixtures_;     // fixture-based nodes: method receivers
  // Fixtures some edge was added from: the receivers on which the methods that work on
  // members (clear_slots, get_slot, use) have something to work on.
  std::vector<NodeId> holding_fixtures_;
  std::vector<bool> own_class_;      // by NodeId
  std::vector<Op> pending_;          // returned by the next Generate() calls, last first
  std::optional<CallMethod> last_call_;  // the prefix's latest method call
  // A create whose constructor calls its argument, put off by one operation that makes the
  // callable it needs (a closure), as a test-case generator makes the resource a call
  // needs before the call: its kind, and the thread and interpreter it was drawn for.
  struct DeferredCreate {
    NodeKind kind;
    Op header;
  };
  std::optional<DeferredCreate> deferred_;

  // Lifecycle programs (Limits::lifecycle_ops; op_builder_lifecycle.cc). A session is one
  // interpreter between two lifecycle events; nodes of other sessions are dead in the
  // operation's, so the builder picks among the live ones when there are any.
  bool GenerateLifecycle(ChoiceSource& source, Op& op);  // true: op is an event
  void ObserveLifecycle(const Op& op);
  void ApplyLifecycle(const Op& op);
  NodeId PickLive(const std::optional<std::vector<NodeId>>& candidates, ChoiceSource& source) const;
  std::vector<int> node_session_;  // by NodeId; -1: made where nothing runs (dead)
  int running_[2] = {0, -1};       // the session of each interpreter slot, -1: not running
  int sessions_ = 1;
  int op_session_ = 0;             // the session of the operation being built
};

}  // namespace gcfuzz::gen
