#include "forms/dot_form.h"

#include <deque>
#include <string>
#include <variant>
#include <vector>

#include "forms/graph_model.h"
#include "forms/text_form.h"
#include "generators/overloaded.h"

namespace gcfuzz::gen {
namespace {

constexpr const char* kRed = "#c0392b";

std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out + "\"";
}

std::string KindLabel(const NodeKind& kind, const KindCatalog& catalog) {
  const std::string fixture =
      kind.fixture < catalog.kind_count() ? catalog.kinds[kind.fixture].name : "kind#" + std::to_string(kind.fixture);
  switch (kind.base) {
    case NodeBase::kFixture: return fixture;
    case NodeBase::kFixtureSubclass: return "subclass of " + fixture;
    case NodeBase::kList: return "list";
    case NodeBase::kDict: return "dict";
    case NodeBase::kTuple: return "tuple";
    case NodeBase::kSet: return "set";
    case NodeBase::kClosure: return "closure";
    case NodeBase::kBoundMethod: return "bound method";
    case NodeBase::kWeakref: return "weakref";
    case NodeBase::kChain: return "chain of " + fixture;
  }
  return "?";
}

// The nodes an operation names (its receiver first).
std::vector<NodeId> Named(const Op& op, NodeId created) {
  return std::visit(Overloaded{
                        [&](const CreateNode&) { return std::vector<NodeId>{created}; },
                        [](const AddEdge& e) { return std::vector<NodeId>{e.from, e.to}; },
                        [](const RemoveEdge& e) { return std::vector<NodeId>{e.from}; },
                        [](const DropRoot& d) { return std::vector<NodeId>{d.node}; },
                        [](const KeepAlive& k) { return std::vector<NodeId>{k.node}; },
                        [](const Touch& t) { return std::vector<NodeId>{t.node}; },
                        [](const CallMethod& c) {
                          return c.has_argument ? std::vector<NodeId>{c.receiver, c.argument}
                                                : std::vector<NodeId>{c.receiver};
                        },
                        [](const Collect&) { return std::vector<NodeId>{}; },
                        [](const SetGcEnabled&) { return std::vector<NodeId>{}; },
                        [](const SetThresholds&) { return std::vector<NodeId>{}; },
                        [](const Lifecycle&) { return std::vector<NodeId>{}; },
                    },
                    op.body);
}

}  // namespace

std::string ToDot(const Program& program, const KindCatalog& catalog, const DotOptions& options) {
  const int op_count = static_cast<int>(program.ops.size());
  const bool final_step = options.failing_op < 0 || options.failing_op >= op_count;
  const int stop = final_step ? op_count : options.failing_op;
  const std::vector<NodeKind> kinds = NodeKinds(program);

  GraphModel before(catalog);
  NodeId created = 0;
  for (int i = 0; i < stop; ++i) {
    before.Apply(program.ops[i]);
    created += std::holds_alternative<CreateNode>(program.ops[i].body);
  }
  GraphModel after = before;
  std::string failing_text = "the final step: del every root; gc.collect(); touch survivors";
  std::vector<NodeId> named;
  if (final_step) {
    after.FinalStep();
  } else {
    const Op& op = program.ops[stop];
    after.Apply(op);
    failing_text = "operation #" + std::to_string(stop) + ": " + OpToText(op, created, kinds, catalog);
    named = Named(op, created);
  }

  // The victims: alive before, freed by the failing operation. Plus what a named weakref
  // or hook points at that is already gone (a stale reference).
  const size_t count = before.nodes().size();
  std::vector<bool> victim(count, false), is_named(count, false);
  for (size_t id = 0; id < count; ++id) {
    victim[id] = !before.nodes()[id].freed && id < after.nodes().size() && after.nodes()[id].freed;
  }
  for (NodeId id : named) {
    if (id < count) is_named[id] = true;
  }
  const std::vector<ModelEdge> edges = before.Edges();
  for (const ModelEdge& edge : edges) {
    if (edge.type != ModelEdge::Type::kOwned && edge.from < count && is_named[edge.from] &&
        edge.to < count && before.nodes()[edge.to].freed) {
      victim[edge.to] = true;
    }
  }

  // The owned path from a root (or kept node) to each victim: breadth-first, so shortest.
  std::vector<int> parent_edge(count, -1);
  std::vector<bool> reached(count, false);
  std::deque<NodeId> queue;
  for (size_t id = 0; id < count; ++id) {
    const ModelNode& node = before.nodes()[id];
    if (!node.freed && (node.root || node.kept)) {
      reached[id] = true;
      queue.push_back(static_cast<NodeId>(id));
    }
  }
  while (!queue.empty()) {
    const NodeId id = queue.front();
    queue.pop_front();
    for (size_t e = 0; e < edges.size(); ++e) {
      const ModelEdge& edge = edges[e];
      if (edge.type != ModelEdge::Type::kOwned || edge.from != id || edge.to >= count) continue;
      if (reached[edge.to] || before.nodes()[edge.to].freed) continue;
      reached[edge.to] = true;
      parent_edge[edge.to] = static_cast<int>(e);
      queue.push_back(edge.to);
    }
  }
  std::vector<bool> red_edge(edges.size(), false);
  for (size_t id = 0; id < count; ++id) {
    if (!victim[id]) continue;
    for (int e = parent_edge[id]; e >= 0; e = parent_edge[edges[e].from]) red_edge[e] = true;
  }
  for (size_t e = 0; e < edges.size(); ++e) {
    const ModelEdge& edge = edges[e];
    if (edge.type != ModelEdge::Type::kOwned && edge.to < count && victim[edge.to]) red_edge[e] = true;
  }

  std::string dot = "digraph gcfuzz {\n";
  std::string title = options.title.empty() ? "" : options.title + "\n";
  title += "just before " + failing_text;
  title += "\nred: what it frees or clears, and how it was reached";
  dot += "  graph [label=" + Quote(title) + ", labelloc=t, fontname=\"Helvetica\", rankdir=LR];\n";
  dot += "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n";
  dot += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (size_t id = 0; id < count; ++id) {
    const ModelNode& node = before.nodes()[id];
    std::string label = "n" + std::to_string(id) + "\n" + KindLabel(node.kind, catalog);
    if (node.freed) {
      label += "\n(freed earlier)";
    } else if (node.root) {
      label += "\n(root)";
    } else if (node.kept) {
      label += "\n(kept alive)";
    }
    std::string attributes = "label=" + Quote(label);
    if (victim[id]) {
      attributes += std::string(", color=\"") + kRed + "\", fillcolor=\"#f5b7b1\", fontcolor=\"" + kRed + "\"";
    } else if (node.freed) {
      attributes += ", style=\"rounded,dotted\", color=grey, fontcolor=grey";
    }
    if (is_named[id]) attributes += std::string(", penwidth=3, color=\"") + kRed + "\"";
    dot += "  n" + std::to_string(id) + " [" + attributes + "];\n";
  }
  for (size_t e = 0; e < edges.size(); ++e) {
    const ModelEdge& edge = edges[e];
    if (edge.from >= count || edge.to >= count) continue;
    std::string attributes = "label=" + Quote(edge.label);
    if (edge.type == ModelEdge::Type::kWeak) attributes += ", style=dashed";
    if (edge.type == ModelEdge::Type::kHook) attributes += ", style=dotted, color=grey40, fontcolor=grey40";
    if (before.nodes()[edge.from].freed && !red_edge[e]) attributes += ", color=grey, fontcolor=grey";
    if (red_edge[e]) attributes += std::string(", color=\"") + kRed + "\", fontcolor=\"" + kRed + "\", penwidth=2";
    dot += "  n" + std::to_string(edge.from) + " -> n" + std::to_string(edge.to) + " [" + attributes + "];\n";
  }
  dot += "}\n";
  return dot;
}

}  // namespace gcfuzz::gen
