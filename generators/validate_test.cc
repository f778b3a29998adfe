#include "generators/validate.h"

#include <gtest/gtest.h>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"

namespace gcfuzz::gen {
namespace {

std::string ErrorOf(const Program& program, const Limits& limits = {}) {
  return ValidationError(program, ExampleCatalog(), limits);
}

Program With(std::initializer_list<OpBody> bodies) {
  Program program;
  for (const OpBody& body : bodies) program.ops.push_back({body});
  return program;
}

const OpBody kFixture = CreateNode{{NodeBase::kFixture, 0}, {}, false, {}};

TEST(Validate, AcceptsTheSampleAndTheEmptyProgram) {
  EXPECT_EQ(ErrorOf(SampleProgram()), "");
  EXPECT_EQ(ErrorOf(Program{}), "");
}

TEST(Validate, InjectedAllocationFailuresAreWithinRange) {
  Program program = SampleProgram();
  program.ops[0].fail_allocation = kMaxFailAllocation;
  EXPECT_EQ(ErrorOf(program), "");
  program.ops[0].fail_allocation = kMaxFailAllocation + 1;
  EXPECT_NE(ErrorOf(program).find("fail_allocation"), std::string::npos) << ErrorOf(program);
}

TEST(Validate, ReferencesMustNameExistingNodes) {
  EXPECT_EQ(ErrorOf(With({kFixture, AddEdge{0, 1, EdgeVia::kSlot, 0}})),
            "op 1: edge target n1, only 1 nodes exist");
  EXPECT_NE(ErrorOf(With({DropRoot{0}})), "");
  EXPECT_NE(ErrorOf(With({kFixture, Touch{1}})), "");
  // A node cannot be its own constructor argument.
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kList, 0}, {0}, false, {}}})), "");
}

TEST(Validate, HookTargetsMayNameLaterNodesButNotMissingOnes) {
  const OpBody weakref_to_later = CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, true, {{ActionKind::kTouch, 1, 0}}};
  EXPECT_EQ(ErrorOf(With({weakref_to_later, kFixture})), "");
  EXPECT_NE(ErrorOf(With({weakref_to_later})), "");
}

TEST(Validate, KindsAndTheirArguments) {
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kFixture, 4}, {}, false, {}}})), "");  // unknown kind
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kList, 1}, {}, false, {}}})), "");     // stray index
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kWeakref, 0}, {}, false, {}}})), "");   // no referent
  // Fixtures take constructor arguments (how many is the catalog's preference, not validity).
  EXPECT_EQ(ErrorOf(With({kFixture, CreateNode{{NodeBase::kFixture, 0}, {0}, false, {}}})), "");
  EXPECT_NE(ErrorOf(With({kFixture, CreateNode{{NodeBase::kChain, 0}, {0}, false, {}}})), "");
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kChain, 0}, {}, false, {}, false, kChainLengthClasses}})), "");
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}, false, 1}})), "");
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}, true, 0}})), "");  // own class
  EXPECT_EQ(ErrorOf(With({CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, false, {}, true, 0}})), "");
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kList, 0}, {}, true, {}}})), "");       // hook on a list
  EXPECT_NE(ErrorOf(With({CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, false, {{}}}})), "");
  EXPECT_NE(ErrorOf(With({kFixture, CreateNode{{NodeBase::kTuple, 0}, {0, 0, 0, 0, 0}, false, {}}})), "");
}

TEST(Validate, ActionsAreCanonical) {
  auto with_action = [](Action action) {
    return With({CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, true, {action}}});
  };
  EXPECT_EQ(ErrorOf(with_action({ActionKind::kCollect, 0, 2})), "");
  EXPECT_NE(ErrorOf(with_action({ActionKind::kCollect, 0, 3})), "");
  EXPECT_NE(ErrorOf(with_action({ActionKind::kTouch, 0, 1})), "");
  EXPECT_NE(ErrorOf(with_action({static_cast<ActionKind>(6), 0, 0})), "");
}

TEST(Validate, FieldsInRange) {
  EXPECT_NE(ErrorOf(With({Collect{3}})), "");
  EXPECT_NE(ErrorOf(With({SetThresholds{0, 1, 1}})), "");
  EXPECT_NE(ErrorOf(With({SetThresholds{1, 1, 1001}})), "");
  EXPECT_NE(ErrorOf(With({kFixture, AddEdge{0, 0, EdgeVia::kSlot, 8}})), "");
  EXPECT_NE(ErrorOf(With({kFixture, RemoveEdge{0, static_cast<EdgeVia>(4), 0}})), "");
  EXPECT_NE(ErrorOf(With({kFixture, CallMethod{0, 3, false, 0}})), "");
  EXPECT_EQ(ErrorOf(With({kFixture, CallMethod{0, 0, false, 0}})), "");
  EXPECT_NE(ErrorOf(With({kFixture, CallMethod{0, 0, false, 1}})), "");  // argument without has_argument
}

TEST(Validate, ThreadsAndInterpretersWithinLimits) {
  Program program = With({Collect{2}});
  program.ops[0].thread = 1;
  EXPECT_NE(ErrorOf(program), "");
  Limits threaded;
  threaded.max_threads = 2;
  EXPECT_EQ(ErrorOf(program, threaded), "");
  program.ops[0].interpreter = 1;
  EXPECT_NE(ErrorOf(program, threaded), "");
}

TEST(Validate, Budgets) {
  Limits limits;
  limits.max_ops = 1;
  EXPECT_NE(ErrorOf(With({Collect{2}, Collect{2}}), limits), "");
  limits = Limits{};
  limits.max_nodes = 1;
  EXPECT_NE(ErrorOf(With({kFixture, kFixture}), limits), "");
}

}  // namespace
}  // namespace gcfuzz::gen
