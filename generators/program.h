// A program: a bounded sequence of operations over numbered nodes.
//
// Every program ends with an implicit final step that the executor always runs and that is
// therefore not stored: drop every root, collect fully, then touch every survivor (the
// stashed weakrefs, the resurrected and kept-alive nodes). That is where use-after-free of
// resurrected objects and leaks of cyclic trash show.
#pragma once

#include <variant>
#include <vector>

#include "generators/ops.h"

namespace gcfuzz::gen {

struct Program {
  std::vector<Op> ops;

  bool operator==(const Program&) const = default;
};

// The number of nodes the program creates.
inline int CountNodes(const Program& program) {
  int count = 0;
  for (const Op& op : program.ops) count += std::holds_alternative<CreateNode>(op.body);
  return count;
}

// The kind of every node, indexed by NodeId.
inline std::vector<NodeKind> NodeKinds(const Program& program) {
  std::vector<NodeKind> kinds;
  for (const Op& op : program.ops) {
    if (const auto* create = std::get_if<CreateNode>(&op.body)) kinds.push_back(create->kind);
  }
  return kinds;
}

}  // namespace gcfuzz::gen
