// A symbolic replay of a program: which node owns which, which nodes are roots, which are
// freed, without an interpreter (see dot_form.h for what it approximates). Operations that
// do not apply to a node's kind, or that name a freed node, change nothing, as in the
// executor.
#pragma once

#include <string>
#include <vector>

#include "generators/kind_catalog.h"
#include "generators/program.h"

namespace gcfuzz::gen {

struct ModelEdge {
  enum class Type { kOwned, kWeak, kHook };
  NodeId from = 0;
  NodeId to = 0;
  Type type = Type::kOwned;
  std::string label;  // "slot[1]", "a2", "[0]", "cell", "receiver", "__del__: touch"...
};

struct ModelNode {
  NodeKind kind;
  bool root = true;
  bool kept = false;
  bool freed = false;
};

class GraphModel {
 public:
  explicit GraphModel(const KindCatalog& catalog) : catalog_(catalog) {}

  void Apply(const Op& op);
  // Drop every root and collect, as the executor's final step does.
  void FinalStep();

  const std::vector<ModelNode>& nodes() const { return nodes_; }
  // Owned and weak edges of live nodes, and the hook edges of every node.
  std::vector<ModelEdge> Edges() const;
  // Nodes no root or kept-alive node reaches through owned edges (freed or not yet).
  std::vector<bool> Unreachable() const;

 private:
  struct Slot {
    std::string label;
    int to = -1;  // -1: empty
  };
  void SetOwned(NodeId from, const std::string& label, NodeId to, bool append_list);
  void Clear(NodeId from, const std::string& label);
  // Frees what is unreachable and not in a cycle (refcounting); with `collect`, all of it.
  void Settle(bool collect);
  bool Live(NodeId id) const { return id < nodes_.size() && !nodes_[id].freed; }

  KindCatalog catalog_;  // a copy: models are copied and outlive temporaries
  std::vector<ModelNode> nodes_;
  std::vector<std::vector<Slot>> owned_;  // per node, in the order labels were first set
  std::vector<ModelEdge> other_;          // weak and hook edges
};

}  // namespace gcfuzz::gen
