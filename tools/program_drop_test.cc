#include "tools/program_drop.h"

#include <gtest/gtest.h>

#include <variant>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"

namespace gcfuzz::tools {
namespace {

const gen::CreateNode& CreateAt(const gen::Program& program, size_t index) {
  return std::get<gen::CreateNode>(program.ops.at(index).body);
}

gen::Program DropFromSample(const DropSet& dropped) {
  return Drop(gen::SampleProgram(), dropped, gen::ExampleCatalog(), gen::Limits{});
}

TEST(ProgramDrop, NothingDroppedKeepsTheProgram) {
  EXPECT_EQ(DropFromSample({}).ops.size(), gen::SampleProgram().ops.size());
}

TEST(ProgramDrop, AHookActionGoesAloneAndTheOthersStayInOrder) {
  // Operation 1 creates a subclass whose __del__ touches n0, then resurrects n1.
  const gen::Program smaller = DropFromSample({{}, {}, {{1, 0}}});
  ASSERT_EQ(smaller.ops.size(), gen::SampleProgram().ops.size());
  const gen::CreateNode& create = CreateAt(smaller, 1);
  ASSERT_EQ(create.hook.size(), 1u);
  EXPECT_EQ(create.hook[0].kind, gen::ActionKind::kResurrect);
  EXPECT_EQ(CreateAt(smaller, 2).hook.size(), 1u);  // another create's hook is untouched
}

TEST(ProgramDrop, ActionsOfOperationsThatAreNotCreatesAreIgnored) {
  const gen::Program smaller = DropFromSample({{}, {}, {{6, 0}, {1, 9}}});
  EXPECT_EQ(smaller.ops.size(), gen::SampleProgram().ops.size());
  EXPECT_EQ(CreateAt(smaller, 1).hook.size(), 2u);
}

TEST(ProgramDrop, ADroppedNodeTakesTheActionsNamingIt) {
  // Dropping n0 removes its create, the edge and the call from it, and the touch of n0.
  const gen::Program smaller = DropFromSample({{}, {0}, {}});
  for (const gen::Op& op : smaller.ops) {
    if (const auto* create = std::get_if<gen::CreateNode>(&op.body)) {
      for (const gen::Action& action : create->hook) EXPECT_NE(action.kind, gen::ActionKind::kTouch);
    }
  }
  EXPECT_LT(smaller.ops.size(), gen::SampleProgram().ops.size());
}

}  // namespace
}  // namespace gcfuzz::tools
