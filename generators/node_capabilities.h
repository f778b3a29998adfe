// Which operations make sense on a node, judged from its kind and the catalog's flags. Used
// by the generators to prefer meaningful operations; never part of validity (see ops.h).
#pragma once

#include "generators/kind_catalog.h"
#include "generators/node_kind.h"
#include "generators/ops.h"

namespace gcfuzz::gen {

// The number of distinct labels (EdgeVia, index) under which `kind` can hold a reference,
// with Limits::max_edge_index as the index bound; 0 when it holds none (tuples, bound
// methods and weakrefs are immutable once created).
int EdgeSlotsOf(NodeKind kind, EdgeVia via, const KindCatalog& catalog, int max_edge_index);

bool CanHoldEdges(NodeKind kind, const KindCatalog& catalog, int max_edge_index);

bool IsWeakrefable(NodeKind kind, const KindCatalog& catalog);

// Can be a set member or dict key (lists, dicts and sets are not).
bool IsHashable(NodeKind kind);

}  // namespace gcfuzz::gen
