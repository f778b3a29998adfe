#include "generators/repair.h"

#include <gtest/gtest.h>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"
#include "generators/validate.h"

namespace gcfuzz::gen {
namespace {

// An operation with every field random: what a careless edit could leave behind.
Op RandomOp(Rng& rng) {
  auto byte = [&] { return static_cast<uint8_t>(rng.Next()); };
  auto node = [&] { return static_cast<NodeId>(rng.Below(40)); };
  Op op;
  op.thread = byte();
  op.interpreter = byte();
  switch (rng.Below(10)) {
    case 0: {
      CreateNode create;
      create.kind = {static_cast<NodeBase>(rng.Below(12)), byte()};
      create.args.resize(rng.Below(7));
      for (NodeId& arg : create.args) arg = node();
      create.has_hook = rng.OneIn(2);
      create.hook.resize(rng.Below(7));
      for (Action& action : create.hook) action = {static_cast<ActionKind>(rng.Below(9)), node(), byte()};
      op.body = create;
      break;
    }
    case 1: op.body = AddEdge{node(), node(), static_cast<EdgeVia>(rng.Below(5)), byte()}; break;
    case 2: op.body = RemoveEdge{node(), static_cast<EdgeVia>(rng.Below(5)), byte()}; break;
    case 3: op.body = DropRoot{node()}; break;
    case 4: op.body = KeepAlive{node()}; break;
    case 5: op.body = Touch{node()}; break;
    case 6: op.body = CallMethod{node(), byte(), rng.OneIn(2), node()}; break;
    case 7: op.body = Collect{byte()}; break;
    case 8: op.body = SetGcEnabled{rng.OneIn(2)}; break;
    default: op.body = SetThresholds{static_cast<uint16_t>(rng.Next()), 0, 65535}; break;
  }
  return op;
}

TEST(Repair, MakesArbitraryEditsValid) {
  const KindCatalog catalog = ExampleCatalog();
  Limits limits;
  limits.max_nodes = 12;
  limits.max_ops = 30;
  Rng rng(21);
  for (int i = 0; i < 5000; ++i) {
    std::vector<EditedOp> edited(rng.Below(50));
    for (EditedOp& edit : edited) {
      edit.op = RandomOp(rng);
      edit.defines = static_cast<int>(rng.Below(60)) - 10;
      edit.token_offset = static_cast<int>(rng.Below(40));
    }
    const Program program = Repair(edited, catalog, limits);
    ASSERT_EQ(ValidationError(program, catalog, limits), "") << "case " << i;
    EXPECT_EQ(Repair(edited, catalog, limits), program);  // deterministic
  }
}

TEST(Repair, EmptyCatalogTurnsFixturesIntoBuiltins) {
  const KindCatalog empty;
  const Program program = Repair(ToEdited(SampleProgram()), empty, Limits{});
  EXPECT_EQ(ValidationError(program, empty, Limits{}), "");
}

TEST(Repair, KeepsValidProgramsUnchanged) {
  const KindCatalog catalog = ExampleCatalog();
  for (const Program& program : DecodedPrograms(2000)) {
    EXPECT_EQ(Repair(ToEdited(program), catalog, Limits{}), program);
  }
}

TEST(Repair, FollowsMovedNodes) {
  // n0 = Slotted(); n1 = []; n1[0] = n0   with the list's creation moved first:
  // the edge still goes from the list to the fixture, whose ids swapped.
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({CreateNode{{NodeBase::kList, 0}, {}, false, {}}});
  program.ops.push_back({AddEdge{1, 0, EdgeVia::kItem, 0}});
  std::vector<EditedOp> edited = ToEdited(program);
  std::swap(edited[0], edited[1]);
  const Program repaired = Repair(edited, ExampleCatalog(), Limits{});
  EXPECT_EQ(std::get<CreateNode>(repaired.ops[0].body).kind.base, NodeBase::kList);
  EXPECT_EQ(std::get<AddEdge>(repaired.ops[2].body), (AddEdge{0, 1, EdgeVia::kItem, 0}));
}

TEST(Repair, DropsOperationsBeforeAnyNodeExists) {
  std::vector<EditedOp> edited(2);
  edited[0].op.body = Touch{0};
  edited[1].op.body = CreateNode{{NodeBase::kWeakref, 0}, {}, true, {{ActionKind::kResurrect, 5, 0}}};
  const Program repaired = Repair(edited, ExampleCatalog(), Limits{});
  ASSERT_EQ(repaired.ops.size(), 1u);
  // A weakref without its referent becomes a list, and loses the callback.
  EXPECT_EQ(std::get<CreateNode>(repaired.ops[0].body), (CreateNode{{NodeBase::kList, 0}, {}, false, {}}));
}

}  // namespace
}  // namespace gcfuzz::gen
