#include "bench/suite_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace gcfuzz::bench {
namespace {

const PauseCase* Find(const std::vector<PauseCase>& plan, const std::string& name) {
  for (const PauseCase& c : plan) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

class PlanTest : public testing::TestWithParam<bool> {};

TEST_P(PlanTest, NamesAreUniqueAndSayWhatIsMeasured) {
  std::set<std::string> names;
  for (const PauseCase& c : PausePlan(GetParam())) {
    EXPECT_TRUE(names.insert(c.name).second) << c.name;
    std::string expected = std::string(c.generation == kYoungGeneration ? "young" : "full") +
                           "/" + c.graph.shape + "/" + c.graph.kind + "/" +
                           (c.graph.alive ? "alive" : "garbage") + "/" +
                           std::to_string(c.graph.size);
    EXPECT_EQ(c.name, expected);
    EXPECT_TRUE(c.generation == kYoungGeneration || c.generation == kOldestGeneration);
    EXPECT_GE(c.repetitions, 3) << c.name;
  }
}

TEST_P(PlanTest, TreesAreNeverGarbage) {
  for (const PauseCase& c : PausePlan(GetParam())) {
    if (c.graph.shape == "tree") EXPECT_TRUE(c.graph.alive) << c.name;
  }
}

TEST_P(PlanTest, HasTheHeadlineTheEmptyHeapAndTheCrossCheck) {
  std::vector<PauseCase> plan = PausePlan(GetParam());
  for (const char* kind : {"cnode", "slots"}) {
    for (const char* shape : {"ordered", "shuffled"}) {
      for (const char* state : {"alive", "garbage"}) {
        for (const char* size : {"1000", "10000", "100000", "1000000"}) {
          std::string name =
              std::string("full/") + shape + "/" + kind + "/" + state + "/" + size;
          EXPECT_NE(Find(plan, name), nullptr) << name;
        }
      }
    }
  }
  EXPECT_NE(Find(plan, "full/empty/none/alive/0"), nullptr);
  EXPECT_NE(Find(plan, "young/empty/none/alive/0"), nullptr);
  EXPECT_NE(Find(plan, "full/pyperf_gc_collect/plain/garbage/2100"), nullptr);
  EXPECT_NE(Find(plan, "full/pyperf_gc_traversal/list/alive/1001"), nullptr);
}

TEST_P(PlanTest, TheStabilityCasesHaveEnoughRepetitionsForTheirCv) {
  // The README quotes the CV of these; below 20 repetitions it is too uncertain to quote.
  std::vector<PauseCase> plan = PausePlan(GetParam());
  for (const char* name : {"full/ordered/cnode/alive/100000", "full/ordered/cnode/garbage/100000",
                           "full/ordered/slots/alive/100000",
                           "full/ordered/slots/garbage/100000"}) {
    const PauseCase* c = Find(plan, name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_GE(c->repetitions, 20) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(QuickAndFull, PlanTest, testing::Bool(),
                         [](const testing::TestParamInfo<bool>& info) {
                           return info.param ? "Quick" : "Full";
                         });

TEST(Plan, QuickStopsAtAMillionAndTheFullPlanGoesToTenMillion) {
  auto largest = [](const std::vector<PauseCase>& plan) {
    long size = 0;
    for (const PauseCase& c : plan) size = std::max(size, c.graph.size);
    return size;
  };
  EXPECT_EQ(largest(PausePlan(true)), 1'000'000);
  EXPECT_EQ(largest(PausePlan(false)), 10'000'000);
}

TEST(Plan, QuickIsASubsetOfTheFullPlanWithNoMoreRepetitions) {
  std::vector<PauseCase> full = PausePlan(false);
  for (const PauseCase& c : PausePlan(true)) {
    const PauseCase* same = Find(full, c.name);
    ASSERT_NE(same, nullptr) << c.name;
    EXPECT_LE(c.repetitions, same->repetitions) << c.name;
  }
}

TEST(Plan, AnAliveGraphCollectedFullyGetsMoreRepetitionsThanARebuiltOne) {
  // Built once and collected repeatedly, so repetitions are cheap there.
  std::vector<PauseCase> plan = PausePlan(false);
  const PauseCase* alive = Find(plan, "full/ordered/cnode/alive/100000");
  const PauseCase* garbage = Find(plan, "full/ordered/cnode/garbage/100000");
  const PauseCase* young = Find(plan, "young/ordered/cnode/alive/100000");
  ASSERT_TRUE(alive && garbage && young);
  EXPECT_GT(alive->repetitions, garbage->repetitions);
  EXPECT_GT(alive->repetitions, young->repetitions);
}

TEST(Plan, TheFullPlanSweepsYoungCollectionsAndTheRandomShape) {
  std::vector<PauseCase> full = PausePlan(false);
  std::vector<PauseCase> quick = PausePlan(true);
  EXPECT_NE(Find(full, "young/ordered/cnode/alive/1000000"), nullptr);
  EXPECT_NE(Find(full, "full/random/slots/garbage/1000000"), nullptr);
  EXPECT_EQ(Find(quick, "young/ordered/cnode/alive/1000000"), nullptr);
  EXPECT_EQ(Find(quick, "full/random/slots/garbage/1000000"), nullptr);
}

}  // namespace
}  // namespace gcfuzz::bench
