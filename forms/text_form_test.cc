#include "forms/text_form.h"

#include <gtest/gtest.h>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"

namespace gcfuzz::gen {
namespace {

TEST(TextForm, SampleProgram) {
  EXPECT_EQ(ToText(SampleProgram(), ExampleCatalog()),
            "# gcfuzz program: 3 nodes, 7 operations\n"
            "n0 = Slotted()\n"
            "n1 = subclass(Dicted, __del__=[touch n0; resurrect n1])\n"
            "n2 = weakref(n1, callback=[collect(gen=1)])\n"
            "n0.slot[1] = n1\n"
            "n0.keep(n2)\n"
            "gc.set_threshold(1, 10, 300)\n"
            "gc.collect(2)\n"
            "# final: del every root; gc.collect(); touch survivors\n");
}

TEST(TextForm, EveryOperationAndNodeKind) {
  Program program;
  auto add = [&](OpBody body, uint8_t thread = 0, uint8_t interpreter = 0) {
    program.ops.push_back({std::move(body), thread, interpreter});
  };
  add(CreateNode{{NodeBase::kFixture, 1}, {}, false, {}});                       // n0
  add(CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, false, {}});               // n1
  add(CreateNode{{NodeBase::kList, 0}, {0, 1}, false, {}});                      // n2
  add(CreateNode{{NodeBase::kDict, 0}, {0, 2}, false, {}});                      // n3
  add(CreateNode{{NodeBase::kTuple, 0}, {3}, false, {}});                        // n4
  add(CreateNode{{NodeBase::kSet, 0}, {}, false, {}});                           // n5
  add(CreateNode{{NodeBase::kClosure, 0}, {4}, false, {}});                      // n6
  add(CreateNode{{NodeBase::kBoundMethod, 0}, {1}, false, {}});                  // n7
  add(CreateNode{{NodeBase::kWeakref, 0},
                 {1},
                 true,
                 {{ActionKind::kStashWeakref, 0, 0}, {ActionKind::kDropRoot, 2, 0}, {ActionKind::kRaise, 0, 0}}});
  add(AddEdge{1, 2, EdgeVia::kAttribute, 3});
  add(AddEdge{2, 2, EdgeVia::kItem, 0});
  add(AddEdge{5, 4, EdgeVia::kItem, 0});
  add(AddEdge{6, 8, EdgeVia::kItem, 0});
  add(RemoveEdge{0, EdgeVia::kSlot, 2});
  add(RemoveEdge{5, EdgeVia::kItem, 0});
  add(RemoveEdge{6, EdgeVia::kItem, 0});
  add(DropRoot{3});
  add(KeepAlive{4});
  add(Touch{8}, 1);
  add(CallMethod{1, 1, false, 0});
  add(Collect{0}, 0, 2);
  add(SetGcEnabled{false});
  add(SetGcEnabled{true});
  EXPECT_EQ(ToText(program, ExampleCatalog()),
            "# gcfuzz program: 9 nodes, 23 operations\n"
            "n0 = Opaque()\n"
            "n1 = subclass(Slotted)\n"
            "n2 = [n0, n1]\n"
            "n3 = {0: n0, 1: n2}\n"
            "n4 = (n3,)\n"
            "n5 = set()\n"
            "n6 = closure(n4)\n"
            "n7 = method(n1)\n"
            "n8 = weakref(n1, callback=[stash weakref(n0); del n2; raise])\n"
            "n1.a3 = n2\n"
            "n2[0] = n2\n"
            "n5.add(n4)\n"
            "n6.cell = n8\n"
            "del n0.slot[2]\n"
            "n5.clear()\n"
            "del n6.cell\n"
            "del n3\n"
            "keep_alive(n4)\n"
            "touch(n8) @thread1\n"
            "n1.use()\n"
            "gc.collect(0) @interp2\n"
            "gc.disable()\n"
            "gc.enable()\n"
            "# final: del every root; gc.collect(); touch survivors\n");
}

TEST(TextForm, AnInjectedAllocationFailureIsMarkedOnItsOperation) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.back().fail_allocation = 2;
  EXPECT_EQ(ToText(program, ExampleCatalog()),
            "# gcfuzz program: 1 nodes, 1 operations\n"
            "n0 = Slotted() @fail_alloc2\n"
            "# final: del every root; gc.collect(); touch survivors\n");
}

TEST(TextForm, PrintsInvalidProgramsWithoutCrashing) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 200}, {}, false, {}}});
  program.ops.push_back({AddEdge{7, 9, EdgeVia::kItem, 1}});
  program.ops.push_back({CallMethod{0, 99, false, 0}});
  EXPECT_EQ(ToText(program, ExampleCatalog()),
            "# gcfuzz program: 1 nodes, 3 operations\n"
            "n0 = kind#200()\n"
            "n7[1] = n9\n"
            "n0.method#99()\n"
            "# final: del every root; gc.collect(); touch survivors\n");
}

}  // namespace
}  // namespace gcfuzz::gen
