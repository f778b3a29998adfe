// Builds one valid operation at a time, at the end of a program prefix, taking every
// decision from a ChoiceSource. The decoder is this builder fed by the input bytes; the
// mutator's "insert" is the same builder fed by its random generator.
//
// The builder prefers meaningful operations (node_capabilities.h): edges only from nodes
// that can hold them, weakrefs only to weakrefable nodes, set members only hashable.
#pragma once

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
  // source is not exhausted, so a decoding loop over it terminates.
  Op Generate(ChoiceSource& source);

  int node_count() const { return static_cast<int>(kinds_.size()); }

 private:
  enum class OpChoice;

  bool Applicable(OpChoice choice) const;
  OpChoice ChooseOp(ChoiceSource& source) const;
  CreateNode GenerateCreate(ChoiceSource& source) const;
  NodeKind ChooseKind(ChoiceSource& source) const;
  std::vector<NodeId> ChooseArgs(NodeBase base, ChoiceSource& source) const;
  std::vector<Action> ChooseHook(ChoiceSource& source) const;
  Action ChooseAction(ChoiceSource& source) const;
  AddEdge GenerateAddEdge(ChoiceSource& source) const;
  RemoveEdge GenerateRemoveEdge(ChoiceSource& source) const;
  // Picks from a non-empty candidate list.
  NodeId Pick(const std::vector<NodeId>& candidates, ChoiceSource& source) const;
  NodeId AnyNode(ChoiceSource& source) const;
  void AddNode(NodeKind kind);

  const KindCatalog& catalog_;
  const Limits& limits_;
  std::vector<int> subclassable_kinds_;
  std::vector<NodeKind> kinds_;  // by NodeId
  // Candidate lists kept up to date as nodes are added: decoding must take microseconds,
  // and rescanning the node table for every operation does not.
  std::vector<NodeId> holders_;      // can hold edges
  std::vector<NodeId> weakrefable_;
  std::vector<NodeId> hashable_;
};

}  // namespace gcfuzz::gen
