#include "generators/node_capabilities.h"

#include <algorithm>

namespace gcfuzz::gen {

namespace {

const FixtureKind* FixtureOf(NodeKind kind, const KindCatalog& catalog) {
  if (!IsFixtureBased(kind.base) || kind.fixture >= catalog.kind_count()) return nullptr;
  return &catalog.kinds[kind.fixture];
}

}  // namespace

int EdgeSlotsOf(NodeKind kind, EdgeVia via, const KindCatalog& catalog, int max_edge_index) {
  const FixtureKind* fixture = FixtureOf(kind, catalog);
  switch (via) {
    case EdgeVia::kItem:
      switch (kind.base) {
        case NodeBase::kList:
        case NodeBase::kDict:
          return max_edge_index;
        case NodeBase::kSet:
        case NodeBase::kClosure:
          return 1;  // the index is ignored: one label
        default:
          return 0;
      }
    case EdgeVia::kAttribute:
      // A Python subclass always has a __dict__.
      if (kind.base == NodeBase::kFixtureSubclass) return max_edge_index;
      if (kind.base == NodeBase::kClosure) return max_edge_index;  // functions have __dict__
      return fixture != nullptr && fixture->has_dict ? max_edge_index : 0;
    case EdgeVia::kSlot:
      return fixture != nullptr ? std::min(fixture->slots, max_edge_index) : 0;
    case EdgeVia::kClassAttribute:
      // Only a node with a class of its own, which the kind alone does not say: the
      // builder asks HasOwnClass() for the node.
      return kind.base == NodeBase::kFixtureSubclass ? max_edge_index : 0;
  }
  return 0;
}

bool CanHoldEdges(NodeKind kind, const KindCatalog& catalog, int max_edge_index) {
  for (EdgeVia via : {EdgeVia::kItem, EdgeVia::kAttribute, EdgeVia::kSlot}) {  // not class: per node
    if (EdgeSlotsOf(kind, via, catalog, max_edge_index) > 0) return true;
  }
  return false;
}

bool IsWeakrefable(NodeKind kind, const KindCatalog& catalog) {
  switch (kind.base) {
    case NodeBase::kFixture:
    case NodeBase::kChain: {
      const FixtureKind* fixture = FixtureOf(kind, catalog);
      return fixture != nullptr && fixture->weakrefable;
    }
    case NodeBase::kFixtureSubclass:  // Python subclasses add __weakref__
    case NodeBase::kSet:
    case NodeBase::kClosure:
    case NodeBase::kBoundMethod:
      return true;
    case NodeBase::kList:
    case NodeBase::kDict:
    case NodeBase::kTuple:
    case NodeBase::kWeakref:
      return false;
  }
  return false;
}

bool IsHashable(NodeKind kind) {
  return kind.base != NodeBase::kList && kind.base != NodeBase::kDict &&
         kind.base != NodeBase::kSet;
}

}  // namespace gcfuzz::gen
