#include "forms/script_form.h"

#include <gtest/gtest.h>

#include <string>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"

namespace gcfuzz::gen {
namespace {

int CountLines(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ScriptForm, SmallCycleIsAShortScript) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({AddEdge{0, 1, EdgeVia::kSlot, 1}});
  program.ops.push_back({AddEdge{1, 0, EdgeVia::kSlot, 0}});
  program.ops.push_back({DropRoot{1}});
  ScriptOptions options;
  options.armed = {"traverse-misses-member"};
  options.header = {"a leak"};
  const std::string script = ToScript(program, ExampleCatalog(), options);
  EXPECT_TRUE(Contains(script, "# a leak\n")) << script;
  EXPECT_TRUE(Contains(script, "fx.arm(\"traverse-misses-member\")\n")) << script;
  EXPECT_TRUE(Contains(script, "new(0, fx.Slotted())  # op 0: n0 = Slotted()\n")) << script;
  EXPECT_TRUE(Contains(script, "run(lambda n0, n1: n0.set_slot(1, n1), 0, 1)  # op 2: n0.slot[1] = n1\n"))
      << script;
  EXPECT_TRUE(Contains(script, "roots[1] = None  # op 4: del n1\n")) << script;
  EXPECT_TRUE(Contains(script, "sys.exit(fx.check())")) << script;
  // Helpers the program does not use are left out.
  EXPECT_FALSE(Contains(script, "def hook")) << script;
  EXPECT_FALSE(Contains(script, "threading")) << script;
  EXPECT_FALSE(Contains(script, "kept")) << script;
  EXPECT_LE(CountLines(script), 31 + static_cast<int>(program.ops.size())) << script;
}

// Module mode: the shim's imports replace the fixtures module's, and the protocol is its
// functions, since a user's types have no set_slot method and may need make()'s fallback.
TEST(ScriptForm, AModuleProgramUsesTheShimsFunctions) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {0}, false, {}}});
  program.ops.push_back({AddEdge{0, 1, EdgeVia::kSlot, 1}});
  program.ops.push_back({RemoveEdge{0, EdgeVia::kSlot, 1}});
  program.ops.push_back({CreateNode{{NodeBase::kChain, 0}, {}, false, {}, false, 1}});
  ScriptOptions options;
  options.module_imports = {"import module_shim as fx  # the shim"};
  const std::string script = ToScript(program, ExampleCatalog(), options);
  EXPECT_TRUE(Contains(script, "import module_shim as fx  # the shim\n")) << script;
  EXPECT_FALSE(Contains(script, "import _gcfuzz_fixtures")) << script;
  EXPECT_TRUE(Contains(script, "new(0, fx.build(fx.kinds.Slotted))")) << script;
  EXPECT_TRUE(Contains(script, "run(functools.partial(fx.build, fx.kinds.Slotted), 0)")) << script;
  EXPECT_TRUE(Contains(script, "fx.set_slot(n0, 1, n1)")) << script;
  EXPECT_TRUE(Contains(script, "fx.clear_slot(n0, 1)")) << script;
  EXPECT_TRUE(Contains(script, "fx.chain(fx.kinds.Slotted, 16)")) << script;
  EXPECT_FALSE(Contains(script, ".set_slot(1")) << script;
  EXPECT_FALSE(Contains(script, "def chain")) << script;
}

TEST(ScriptForm, HooksBecomeFunctionsAndSubclasses) {
  const std::string script = ToScript(SampleProgram(), ExampleCatalog());
  // n1 = subclass(Dicted, __del__=[touch n0; resurrect n1]): self is the finalized object.
  EXPECT_TRUE(Contains(script, "def hook1(self):  # __del__ of n1\n"
                               "    if active: touch(node(0)); resurrected.append(self)\n"))
      << script;
  EXPECT_TRUE(Contains(script, "class DictedWithDel1(fx.Dicted): __del__ = hook1\n")) << script;
  EXPECT_TRUE(Contains(script, "def hook2(self):  # weakref callback of n2\n    if active: gc.collect(1)\n"))
      << script;
  EXPECT_TRUE(Contains(script, "new(2, run(lambda n1: weakref.ref(n1, hook2), 1))")) << script;
  EXPECT_TRUE(Contains(script, "call(lambda n0, n2: n0.keep(n2), 0, 2)")) << script;
  EXPECT_TRUE(Contains(script, "gc.set_threshold(1, 10, 300)")) << script;
  EXPECT_TRUE(Contains(script, "gc.set_threshold(*thresholds)")) << script;
  EXPECT_TRUE(Contains(script, "for active in (True, False)")) << script;
}

TEST(ScriptForm, OperationsThatCannotBeExpressedAreCommentedNotDropped) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kTuple, 0}, {}, false, {}}});
  program.ops.push_back({AddEdge{0, 0, EdgeVia::kItem, 0}});  // a tuple has no settable items
  program.ops.push_back({Collect{2}, 0, 1});                  // an interpreter never started
  const std::string script = ToScript(program, ExampleCatalog());
  EXPECT_TRUE(Contains(script, "pass  # does not apply to this node's kind (a no-op in the executor); op 1: n0[0] = n0\n"))
      << script;
  EXPECT_TRUE(Contains(script, "# op 2 runs in interpreter 1, which is not running: gc.collect(2)")) << script;
}

Op Event(LifecycleEvent event, uint8_t interpreter = 0) {
  Op op{Lifecycle{event}};
  op.interpreter = interpreter;
  return op;
}

TEST(ScriptForm, ASubinterpretersOperationsRunInASubinterpreterWhenItEnds) {
  Program program;
  program.ops.push_back(Event(LifecycleEvent::kStartInterpreter, 1));
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}, 0, 1});
  program.ops.push_back({Collect{0}});                           // the main interpreter, meanwhile
  program.ops.push_back(Event(LifecycleEvent::kEndInterpreter, 1));
  program.ops.push_back({Collect{1}});
  const std::string script = ToScript(program, ExampleCatalog());
  // The helpers are text that the main interpreter and the subinterpreter both run.
  EXPECT_TRUE(Contains(script, "PRELUDE = r'''")) << script;
  EXPECT_TRUE(Contains(script, "exec(PRELUDE)\n")) << script;
  EXPECT_TRUE(Contains(script, "fx.left = [roots]; fx.left.append(fx.left)\"); fx.abandon()")) << script;
  const size_t main_collect = script.find("gc.collect(0)  # op 2");
  const size_t session = script.find("sub(r'''  # interpreter 1, from op 0 to op 3: in a subinterpreter\n"
                                     "new(0, fx.Slotted())  # op 1: n0 = Slotted() @interp1\n'''");
  const size_t after = script.find("gc.collect(1)  # op 4");
  ASSERT_NE(session, std::string::npos) << script;
  EXPECT_LT(main_collect, session) << script;
  EXPECT_LT(session, after) << script;
}

TEST(ScriptForm, TheMainInterpreterBeforeARestartIsASubinterpreter) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back(Event(LifecycleEvent::kRestart));
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  const std::string script = ToScript(program, ExampleCatalog());
  EXPECT_TRUE(Contains(script, "sub(r'''  # the main interpreter until its restart, from the start to op 1: "
                               "in a subinterpreter\nnew(0, fx.Slotted())  # op 0: n0 = Slotted()\n'''"))
      << script;
  EXPECT_TRUE(Contains(script, "\nnew(1, fx.Slotted())  # op 2: n1 = Slotted()\n")) << script;
  EXPECT_FALSE(Contains(script, "\nnew(0, fx.Slotted())  # op 0: n0 = Slotted()\ntry:")) << script;
}

TEST(ScriptForm, EverySessionDefinesTheSubclassesItUses) {
  // A shared subclass (no hook, no class of its own) made in a subinterpreter and then in
  // the main interpreter: each namespace needs its own class statement.
  Program program;
  program.ops.push_back(Event(LifecycleEvent::kStartInterpreter, 1));
  program.ops.push_back({CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, false, {}}, 0, 1});
  program.ops.push_back(Event(LifecycleEvent::kEndInterpreter, 1));
  program.ops.push_back({CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, false, {}}});
  const std::string script = ToScript(program, ExampleCatalog());
  const std::string definition = "class SlottedSub(fx.Slotted): pass\n";
  const size_t first = script.find(definition);
  ASSERT_NE(first, std::string::npos) << script;
  EXPECT_NE(script.find(definition, first + 1), std::string::npos) << script;
}

TEST(ScriptForm, AProgramWithoutLifecycleHasNoSubinterpreterMachinery) {
  const std::string script = ToScript(SampleProgram(), ExampleCatalog());
  EXPECT_FALSE(Contains(script, "PRELUDE")) << script;
  EXPECT_FALSE(Contains(script, "_testcapi")) << script;
}

TEST(ScriptForm, ThreadOperationsRunOnWorkerThreads) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({DropRoot{0}, 1});
  program.ops.push_back({Collect{2}, 1});
  const std::string script = ToScript(program, ExampleCatalog());
  EXPECT_TRUE(Contains(script, "import gc, os, sys, types, weakref, queue, threading\n")) << script;
  EXPECT_TRUE(Contains(script, "on_thread(1, lambda: roots.__setitem__(0, None))")) << script;
  EXPECT_TRUE(Contains(script, "on_thread(1, lambda: gc.collect(2))")) << script;
}

TEST(ScriptForm, AnInjectedAllocationFailureWrapsItsOperation) {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.back().fail_allocation = 2;
  program.ops.push_back({DropRoot{0}, 1});
  program.ops.back().fail_allocation = 1;
  const std::string script = ToScript(program, ExampleCatalog());
  EXPECT_TRUE(Contains(script, "def failing(n, f):")) << script;
  EXPECT_TRUE(Contains(script, "failing(2, lambda: new(0, fx.Slotted()))  # op 0")) << script;
  EXPECT_TRUE(Contains(script, "on_thread(1, lambda: failing(1, lambda: roots.__setitem__(0, None)))"))
      << script;
  EXPECT_FALSE(Contains(ToScript(Program{}, ExampleCatalog()), "def failing")) << "only when used";
}

TEST(ScriptForm, EveryDecodedProgramGivesAScript) {
  for (const Program& program : DecodedPrograms(200)) {
    const std::string script = ToScript(program, ExampleCatalog());
    EXPECT_TRUE(Contains(script, "sys.exit(fx.check())"));
    EXPECT_GE(CountLines(script), static_cast<int>(program.ops.size()));
  }
}

}  // namespace
}  // namespace gcfuzz::gen
