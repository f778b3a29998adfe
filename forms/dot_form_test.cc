#include "forms/dot_form.h"

#include <gtest/gtest.h>

#include <string>

#include "forms/graph_model.h"
#include "generators/example_catalog.h"
#include "generators/test_programs.h"

namespace gcfuzz::gen {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// n0 <-> n1 through slots, n2 = weakref(n1); then del n0, del n1, collect.
Program CycleWithWeakref() {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({CreateNode{{NodeBase::kWeakref, 0}, {1}, false, {}}});
  program.ops.push_back({AddEdge{0, 1, EdgeVia::kSlot, 1}});
  program.ops.push_back({AddEdge{1, 0, EdgeVia::kSlot, 0}});
  program.ops.push_back({DropRoot{0}});
  program.ops.push_back({DropRoot{1}});
  program.ops.push_back({Collect{2}});
  return program;
}

TEST(GraphModel, CyclesWaitForACollectionAcyclicGarbageGoesAtOnce) {
  GraphModel model(ExampleCatalog());
  const Program program = CycleWithWeakref();
  for (int i = 0; i < 7; ++i) model.Apply(program.ops[i]);
  EXPECT_FALSE(model.nodes()[0].freed);  // a cycle: only a collection frees it
  EXPECT_FALSE(model.nodes()[1].freed);
  model.Apply(program.ops[7]);
  EXPECT_TRUE(model.nodes()[0].freed);
  EXPECT_TRUE(model.nodes()[1].freed);
  EXPECT_FALSE(model.nodes()[2].freed);  // the weakref is still a root

  GraphModel acyclic(ExampleCatalog());
  acyclic.Apply({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  acyclic.Apply({DropRoot{0}});
  EXPECT_TRUE(acyclic.nodes()[0].freed);
}

TEST(DotForm, TheCollectionHighlightsTheCycleAndTheWeakrefIntoIt) {
  DotOptions options;
  options.failing_op = 7;
  options.title = "SIGNATURE";
  const std::string dot = ToDot(CycleWithWeakref(), ExampleCatalog(), options);
  EXPECT_TRUE(Contains(dot, "SIGNATURE\\njust before operation #7: gc.collect(2)")) << dot;
  EXPECT_TRUE(Contains(dot, "n0 [label=\"n0\\nSlotted\", color=\"#c0392b\"")) << dot;
  EXPECT_TRUE(Contains(dot, "n1 [label=\"n1\\nSlotted\", color=\"#c0392b\"")) << dot;
  EXPECT_TRUE(Contains(dot, "n2 [label=\"n2\\nweakref\\n(root)\"]")) << dot;
  EXPECT_TRUE(Contains(dot, "n0 -> n1 [label=\"slot[1]\"]")) << dot;
  EXPECT_TRUE(Contains(dot, "n2 -> n1 [label=\"weakref\", style=dashed, color=\"#c0392b\"")) << dot;
}

TEST(DotForm, TheFinalStepAndTheRootPath) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kList, 0}, {}, false, {}}});
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({AddEdge{0, 1, EdgeVia::kItem, 0}});
  program.ops.push_back({DropRoot{1}});
  const std::string dot = ToDot(program, ExampleCatalog(), {});
  EXPECT_TRUE(Contains(dot, "just before the final step")) << dot;
  // n1 is reached from the root n0 through the list; the final step frees both.
  EXPECT_TRUE(Contains(dot, "n0 -> n1 [label=\"[0]\", color=\"#c0392b\"")) << dot;
}

TEST(DotForm, EveryDecodedProgramGivesAGraph) {
  for (const Program& program : DecodedPrograms(200)) {
    for (int op : {-1, 0, static_cast<int>(program.ops.size()) / 2}) {
      DotOptions options;
      options.failing_op = op;
      const std::string dot = ToDot(program, ExampleCatalog(), options);
      EXPECT_EQ(dot.rfind("digraph gcfuzz {\n", 0), 0u);
      EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
    }
  }
}

}  // namespace
}  // namespace gcfuzz::gen
