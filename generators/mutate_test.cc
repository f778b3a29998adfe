#include "generators/mutate.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"
#include "generators/validate.h"

namespace gcfuzz::gen {
namespace {

constexpr int kMutationCount = static_cast<int>(Mutation::kMaxValue) + 1;

TEST(Mutate, EveryMutationKeepsProgramsValid) {
  const KindCatalog catalog = ExampleCatalog();
  const Limits limits;
  Rng rng(31);
  for (const Program& program : DecodedPrograms(600)) {
    for (int mutation = 0; mutation < kMutationCount; ++mutation) {
      const Program mutated = Mutate(program, static_cast<Mutation>(mutation), rng, catalog, limits);
      ASSERT_EQ(ValidationError(mutated, catalog, limits), "") << "mutation " << mutation;
    }
  }
}

TEST(Mutate, ChainsOfMutationsStayValidUnderTightLimits) {
  const KindCatalog catalog = ExampleCatalog();
  Limits limits;
  limits.max_nodes = 4;
  limits.max_ops = 8;
  Rng rng(32);
  for (Program program : DecodedPrograms(100, limits)) {
    for (int step = 0; step < 200; ++step) {
      program = Mutate(program, rng, catalog, limits);
      ASSERT_EQ(ValidationError(program, catalog, limits), "") << "step " << step;
    }
  }
}

TEST(Mutate, IsDeterministicGivenTheSeed) {
  const KindCatalog catalog = ExampleCatalog();
  for (const Program& program : DecodedPrograms(200)) {
    Rng first(99);
    Rng second(99);
    EXPECT_EQ(Mutate(program, first, catalog, Limits{}), Mutate(program, second, catalog, Limits{}));
  }
}

TEST(Mutate, EveryMutationChangesSomePrograms) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(33);
  const std::vector<Program> programs = DecodedPrograms(200);
  for (int mutation = 0; mutation < kMutationCount; ++mutation) {
    int changed = 0;
    for (const Program& program : programs) {
      changed += Mutate(program, static_cast<Mutation>(mutation), rng, catalog, Limits{}) != program;
    }
    EXPECT_GT(changed, 20) << "mutation " << mutation;
  }
}

// Injected failures go only where the fixtures allocate (creates of fixture kinds, method
// calls), within range, and the mutation also takes them away again.
TEST(Mutate, FailAllocationTargetsCreatesAndCallsAndComesAndGoes) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(36);
  int set = 0, cleared = 0;
  for (Program program : DecodedPrograms(300)) {
    for (int round = 0; round < 4; ++round) {
      const Program mutated = Mutate(program, Mutation::kFailAllocation, rng, catalog, Limits{});
      ASSERT_EQ(ValidationError(mutated, catalog, Limits{}), "");
      for (const Op& op : mutated.ops) {
        if (op.fail_allocation == 0) continue;
        const auto* create = std::get_if<CreateNode>(&op.body);
        EXPECT_TRUE(std::holds_alternative<CallMethod>(op.body) ||
                    (create != nullptr && IsFixtureBased(create->kind.base)));
        EXPECT_LE(op.fail_allocation, kMaxFailAllocation);
      }
      auto failing = [](const Program& p) {
        return std::count_if(p.ops.begin(), p.ops.end(), [](const Op& op) { return op.fail_allocation != 0; });
      };
      set += failing(mutated) > failing(program);
      cleared += failing(mutated) < failing(program);
      program = mutated;
    }
  }
  EXPECT_GT(set, 300);
  EXPECT_GT(cleared, 50);
}

TEST(Mutate, InsertIntoTheEmptyProgramAddsOneOperation) {
  Rng rng(34);
  const Program mutated = Mutate(Program{}, Mutation::kInsert, rng, ExampleCatalog(), Limits{});
  EXPECT_EQ(mutated.ops.size(), 1u);
}

TEST(Mutate, InapplicableMutationsFallBackToInsert) {
  Rng rng(35);
  Program program;
  program.ops.push_back({Collect{2}});
  const Program mutated = Mutate(program, Mutation::kChangeHook, rng, ExampleCatalog(), Limits{});
  EXPECT_EQ(mutated.ops.size(), 2u);
}

// An inserted subclass whose __del__ names itself keeps naming itself, wherever it lands.
TEST(Mutate, InsertedHooksKeepTheirSelfReference) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(36);
  int checked = 0;
  Limits short_programs;
  short_programs.max_ops = 12;  // room to insert under the default limits
  for (const Program& program : DecodedPrograms(2000, short_programs)) {
    const Program mutated = Mutate(program, Mutation::kInsert, rng, catalog, Limits{});
    if (mutated.ops.size() != program.ops.size() + 1) continue;
    // Find the inserted operation: the first position where the two differ.
    size_t at = 0;
    while (at < program.ops.size() && program.ops[at] == mutated.ops[at]) ++at;
    const auto* create = std::get_if<CreateNode>(&mutated.ops[at].body);
    if (create == nullptr) continue;
    NodeId self = 0;
    for (size_t i = 0; i < at; ++i) self += std::holds_alternative<CreateNode>(mutated.ops[i].body);
    for (const Action& action : create->hook) {
      if (ActionHasTarget(action.kind) && action.target >= self) {
        // Targets the builder drew were either earlier nodes or self.
        EXPECT_EQ(action.target, self);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 0);
}

// An insert that brings several operations (a closure made for a constructor that calls
// it, a create into a holder with its edge and drop) keeps them about their own new nodes.
TEST(Mutate, InsertedCreatesThatComeTogetherReferToEachOther) {
  const KindCatalog catalog = ExampleCatalog();
  const int pair = *catalog.FindKind("Pair");
  Rng rng(37);
  int checked = 0;
  Limits short_programs;
  short_programs.max_ops = 12;
  for (const Program& program : DecodedPrograms(4000, short_programs)) {
    const Program mutated = Mutate(program, Mutation::kInsert, rng, catalog, Limits{});
    size_t at = 0;
    while (at < program.ops.size() && program.ops[at] == mutated.ops[at]) ++at;
    if (at + 1 >= mutated.ops.size()) continue;
    const auto* closure = std::get_if<CreateNode>(&mutated.ops[at].body);
    const auto* user = std::get_if<CreateNode>(&mutated.ops[at + 1].body);
    if (!closure || !user || closure->kind.base != NodeBase::kClosure || !IsFixtureBased(user->kind.base) ||
        user->kind.fixture != pair || user->args.empty() || mutated.ops.size() != program.ops.size() + 2) {
      continue;
    }
    NodeId closure_id = 0;
    for (size_t i = 0; i < at; ++i) closure_id += std::holds_alternative<CreateNode>(mutated.ops[i].body);
    EXPECT_EQ(user->args[0], closure_id);
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace gcfuzz::gen

namespace gcfuzz::gen {
namespace {

TEST(ShortenInheritedDeepChains, KeepsAboutOneDeepChainInFourAndTouchesNothingElse) {
  constexpr uint8_t kDeepest = kChainLengthClasses - 1;
  Program parent;
  for (int i = 0; i < 400; ++i) {
    CreateNode chain{{NodeBase::kChain, 0}, {}, false, {}};
    chain.chain_length_class = kDeepest;
    parent.ops.push_back({chain});
  }
  CreateNode short_chain{{NodeBase::kChain, 0}, {}, false, {}};
  short_chain.chain_length_class = 1;
  parent.ops.push_back({short_chain});
  Rng rng(7);
  ShortenInheritedDeepChains(parent, rng);
  int kept = 0;
  for (size_t i = 0; i < 400; ++i) {
    const uint8_t length = std::get<CreateNode>(parent.ops[i].body).chain_length_class;
    EXPECT_TRUE(length == kDeepest || length == kDeepest - 1);
    kept += length == kDeepest;
  }
  EXPECT_GT(kept, 60);
  EXPECT_LT(kept, 140);
  EXPECT_EQ(std::get<CreateNode>(parent.ops[400].body).chain_length_class, 1);
}

}  // namespace
}  // namespace gcfuzz::gen
