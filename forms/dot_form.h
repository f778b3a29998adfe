// A program's object graph as Graphviz dot, at the moment of a finding: what `gcfuzz repro
// --dot` draws.
//
// No interpreter runs: the graph is rebuilt by replaying the operations symbolically up to
// the failing one (graph_model.h), which is exact for the edges the program made and an
// approximation for lifetimes (a node is freed when nothing reachable from the roots or
// kept-alive nodes owns it: at once without a cycle, at the next collection with one;
// automatic collections and resurrection are not modelled). The picture shows the graph
// just before the failing operation:
//   - boxes are nodes (id, kind), `root` / `kept alive` marked; freed nodes grey and dotted;
//   - solid edges are owned references, labelled the way the text form names them
//     (slot[1], a2, [0], cell, receiver); dashed edges are weakrefs; dotted grey edges are
//     what a hook (__del__, weakref callback) reaches for;
//   - in red: the nodes the failing operation frees or clears (for the final step: all that
//     the final collection takes), the node it names (thick border), the owned path from a
//     root to each such node, and any weakref or hook edge into one.
#pragma once

#include <string>

#include "generators/kind_catalog.h"
#include "generators/program.h"

namespace gcfuzz::gen {

struct DotOptions {
  // The operation the finding happened in: an index into program.ops, or -1 for the final
  // step (also what an index past the end means).
  int failing_op = -1;
  // First line of the picture's title (the finding, its signature).
  std::string title;
};

std::string ToDot(const Program& program, const KindCatalog& catalog, const DotOptions& options = {});

}  // namespace gcfuzz::gen
