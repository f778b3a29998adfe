#include "generators/crossover.h"

#include <gtest/gtest.h>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"
#include "generators/validate.h"

namespace gcfuzz::gen {
namespace {

TEST(CrossOver, ChildrenAreValid) {
  const KindCatalog catalog = ExampleCatalog();
  const Limits limits;
  const std::vector<Program> programs = DecodedPrograms(300);
  Rng rng(41);
  for (size_t i = 0; i + 1 < programs.size(); ++i) {
    for (int repeat = 0; repeat < 5; ++repeat) {
      const Program child = CrossOver(programs[i], programs[i + 1], rng, catalog, limits);
      ASSERT_EQ(ValidationError(child, catalog, limits), "");
    }
  }
}

TEST(CrossOver, WorksWithEmptyParents) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(42);
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(ValidationError(CrossOver(Program{}, SampleProgram(), rng, catalog, Limits{}), catalog, Limits{}), "");
    EXPECT_EQ(ValidationError(CrossOver(SampleProgram(), Program{}, rng, catalog, Limits{}), catalog, Limits{}), "");
  }
  EXPECT_EQ(CrossOver(Program{}, Program{}, rng, catalog, Limits{}), Program{});
}

TEST(CrossOver, IsDeterministicGivenTheSeed) {
  const KindCatalog catalog = ExampleCatalog();
  const std::vector<Program> programs = DecodedPrograms(50);
  for (size_t i = 0; i + 1 < programs.size(); ++i) {
    Rng first(7);
    Rng second(7);
    EXPECT_EQ(CrossOver(programs[i], programs[i + 1], first, catalog, Limits{}),
              CrossOver(programs[i], programs[i + 1], second, catalog, Limits{}));
  }
}

// A spliced run that creates its own nodes keeps its internal edges: the donor's
// "n0 = Slotted(); n1 = []; n1[0] = n0" arrives with the edge between the same two nodes.
TEST(CrossOver, SplicedNodesKeepTheirEdges) {
  Program donor;
  donor.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  donor.ops.push_back({CreateNode{{NodeBase::kList, 0}, {}, false, {}}});
  donor.ops.push_back({AddEdge{1, 0, EdgeVia::kItem, 5}});
  const Program host = SampleProgram();
  Rng rng(43);
  int whole_donor = 0;
  for (int i = 0; i < 400; ++i) {
    const Program child = CrossOver(host, donor, rng, ExampleCatalog(), Limits{});
    if (child.ops.size() != host.ops.size() + 3) continue;
    ++whole_donor;
    const std::vector<NodeKind> kinds = NodeKinds(child);
    for (const Op& op : child.ops) {
      if (const auto* edge = std::get_if<AddEdge>(&op.body); edge && edge->index == 5) {
        EXPECT_EQ(kinds[edge->from].base, NodeBase::kList);
        EXPECT_EQ(kinds[edge->to], (NodeKind{NodeBase::kFixture, 0}));
      }
    }
  }
  EXPECT_GT(whole_donor, 0);
}

}  // namespace
}  // namespace gcfuzz::gen
