// The executor against a fixture module written in Python (same shape as the real one:
// KINDS with SLOTS, METHODS, set_slot/clear_slot/touch), so these tests check the executor's
// semantics and not the fixtures'.
#include "executor/executor.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "executor/hook_context.h"
#include "host/gil.h"

namespace gcfuzz::exec {
namespace {

constexpr const char kFakeFixtures[] =
    "import weakref\n"
    "touched = []\n"
    "alive = set()\n"
    "constructed = []\n"
    "class Node:\n"
    "    SLOTS = 2\n"
    "    ARGS = 2\n"
    "    CALLS = 1\n"
    "    def __init__(self, *items):\n"
    "        self.slots = [None, None]\n"
    "        self.slots[:len(items)] = items\n"
    "        constructed.append(len(items))\n"
    "        alive.add(id(self))\n"
    "        weakref.finalize(self, alive.discard, id(self))\n"
    "    def set_slot(self, i, value): self.slots[i] = value\n"
    "    def clear_slot(self, i): self.slots[i] = None\n"
    "    def touch(self): touched.append(type(self).__name__)\n"
    "    def broken(self):\n"
    "        raise SystemError('returned NULL without setting an exception')\n"
    "class Leaf:\n"
    "    SLOTS = 0\n"
    "    __slots__ = ('__weakref__',)\n"
    "    def touch(self): touched.append('Leaf')\n"
    "KINDS = (Node, Leaf)\n"
    "METHODS = ('broken',)\n"
    "RELEASING = ('broken',)\n"
    "armed = []\n"
    "def fail_allocation(n): armed.append(n)\n";

PyModuleDef fake_fixtures_def = {PyModuleDef_HEAD_INIT, "fake_fixtures", nullptr, -1,
                                 nullptr, nullptr, nullptr, nullptr, nullptr};

PyObject* InitFakeFixtures() {
  // Builtin modules need a PyModuleDef, whatever they are made of.
  PyObject* module = PyModule_Create(&fake_fixtures_def);
  if (module == nullptr) return nullptr;
  PyObject* dict = PyModule_GetDict(module);
  PyDict_SetItemString(dict, "__builtins__", PyEval_GetBuiltins());
  PyObject* result = PyRun_String(kFakeFixtures, Py_file_input, dict, dict);
  if (result == nullptr) {
    Py_DECREF(module);
    return nullptr;
  }
  Py_DECREF(result);
  return module;
}

Executor& TheExecutor() {
  ExecutorOptions options;
  options.builtin_modules = {{"fake_fixtures", InitFakeFixtures}};
  options.fixture_module = "fake_fixtures";
  return Executor::Start(options);
}

// What the fake module saw: the touch log (cleared) and how many Nodes are alive.
std::pair<std::vector<std::string>, long> Observe() {
  return host::WithGil([] {
    PyObject* module = PyImport_ImportModule("fake_fixtures");
    PyObject* touched = PyObject_GetAttrString(module, "touched");
    std::vector<std::string> log;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(touched); ++i) {
      log.emplace_back(PyUnicode_AsUTF8(PyList_GET_ITEM(touched, i)));
    }
    PyList_SetSlice(touched, 0, PY_SSIZE_T_MAX, nullptr);
    PyObject* alive = PyObject_GetAttrString(module, "alive");
    long count = static_cast<long>(PySet_GET_SIZE(alive));
    Py_DECREF(alive);
    Py_DECREF(touched);
    Py_DECREF(module);
    return std::make_pair(log, count);
  });
}

gen::Op Create(gen::NodeBase base, std::vector<gen::NodeId> args = {}, uint8_t fixture = 0,
               std::vector<gen::Action> hook = {}) {
  gen::CreateNode create;
  create.kind = {base, fixture};
  create.args = std::move(args);
  create.has_hook = !hook.empty();
  create.hook = std::move(hook);
  return {create};
}

TEST(Executor, ReadsTheCatalogFromTheModule) {
  const gen::KindCatalog& catalog = TheExecutor().catalog();
  ASSERT_EQ(catalog.kind_count(), 2);
  EXPECT_EQ(catalog.kinds[0].name, "Node");
  EXPECT_EQ(catalog.kinds[0].slots, 2);
  EXPECT_TRUE(catalog.kinds[0].has_dict);
  EXPECT_TRUE(catalog.kinds[1].weakrefable);
  EXPECT_FALSE(catalog.kinds[1].has_dict);
  EXPECT_EQ(catalog.method_names, std::vector<std::string>{"broken"});
  EXPECT_EQ(catalog.releasing_methods, std::vector<uint8_t>{0});
  EXPECT_EQ(catalog.kinds[0].constructor_args, 2);
  EXPECT_EQ(catalog.kinds[1].constructor_args, 0);
  EXPECT_TRUE(catalog.kinds[0].calls_argument);
  EXPECT_FALSE(catalog.kinds[1].calls_argument);
  EXPECT_EQ(catalog.kinds[0].methods, std::vector<uint8_t>{0});
  EXPECT_TRUE(catalog.kinds[1].methods.empty());
}

// One of the module's logs of numbers (a list attribute), emptied.
std::vector<long> TakeLog(const char* name) {
  return host::WithGil([name] {
    PyObject* module = PyImport_ImportModule("fake_fixtures");
    PyObject* log = PyObject_GetAttrString(module, name);
    std::vector<long> values;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(log); ++i) {
      values.push_back(PyLong_AsLong(PyList_GET_ITEM(log, i)));
    }
    PyList_SetSlice(log, 0, PY_SSIZE_T_MAX, nullptr);
    Py_DECREF(log);
    Py_DECREF(module);
    return values;
  });
}

// The module's `constructed` log (argument counts), emptied.
std::vector<long> Constructed() { return TakeLog("constructed"); }

TEST(Executor, ConstructorArgumentsArePassedAndGoneNodesAreNone) {
  Executor& executor = TheExecutor();
  Constructed();
  gen::Program program;
  program.ops = {Create(gen::NodeBase::kFixture), Create(gen::NodeBase::kFixture, {0, 0}),
                 Create(gen::NodeBase::kFixtureSubclass, {1})};
  executor.RunInput(program);
  EXPECT_EQ(Constructed(), (std::vector<long>{0, 2, 1}));
  EXPECT_EQ(Observe().second, 0);
}

// Op::fail_allocation arms the module's injected failure for that operation only: armed
// before it, disarmed after it, not called at all for the others.
TEST(Executor, AnInjectedAllocationFailureIsArmedForItsOperationOnly) {
  Executor& executor = TheExecutor();
  Constructed();
  gen::Program program;
  program.ops = {Create(gen::NodeBase::kFixture), Create(gen::NodeBase::kFixture),
                 {gen::Touch{0}}};
  program.ops[1].fail_allocation = 3;
  executor.RunInput(program);
  EXPECT_EQ(Constructed(), (std::vector<long>{0, 0}));
  EXPECT_EQ(TakeLog("armed"), (std::vector<long>{3, 0}));
  EXPECT_EQ(Observe().first, std::vector<std::string>{"Node"});
}

// type(n0).a0 = n0 makes a cycle through the node's own class, which the final collection
// frees with the class; the same edge on a shared subclass is a no-op (or the node would
// outlive the program through the subclass cache).
TEST(Executor, ClassAttributesOnlyOnOwnClassesAndTheyAreCollected) {
  Executor& executor = TheExecutor();
  gen::CreateNode own;
  own.kind = {gen::NodeBase::kFixtureSubclass, 0};
  own.own_class = true;
  gen::Program program;
  program.ops = {{own}, {gen::AddEdge{0, 0, gen::EdgeVia::kClassAttribute, 0}},
                 Create(gen::NodeBase::kFixtureSubclass),
                 {gen::AddEdge{1, 1, gen::EdgeVia::kClassAttribute, 0}}};
  executor.RunInput(program);
  EXPECT_EQ(Observe().second, 0);
}

TEST(Executor, ChainsAreBuiltLinkByLinkAndFreed) {
  Executor& executor = TheExecutor();
  Constructed();
  gen::CreateNode chain;
  chain.kind = {gen::NodeBase::kChain, 0};
  chain.chain_length_class = 2;
  gen::Program program;
  program.ops = {{chain}, {gen::Touch{0}}};
  executor.RunInput(program);
  EXPECT_EQ(Constructed().size(), static_cast<size_t>(gen::kChainLengths[2]));
  EXPECT_EQ(Observe().second, 0);
}

TEST(Executor, CyclesThroughSlotsAreCollectedByTheFinalStep) {
  Executor& executor = TheExecutor();
  gen::Program program;
  program.ops = {Create(gen::NodeBase::kFixture), Create(gen::NodeBase::kFixture),
                 {gen::AddEdge{0, 1, gen::EdgeVia::kSlot, 0}},
                 {gen::AddEdge{1, 0, gen::EdgeVia::kSlot, 1}},
                 {gen::Touch{0}}};
  executor.RunInput(program);
  auto [log, alive] = Observe();
  EXPECT_EQ(log, std::vector<std::string>{"Node"});
  EXPECT_EQ(alive, 0);
}

TEST(Executor, WeakrefCallbackRunsItsActionsAndStashedRefsAreTouched) {
  Executor& executor = TheExecutor();
  gen::Program program;
  program.ops = {
      Create(gen::NodeBase::kFixture),                     // n0
      Create(gen::NodeBase::kFixture, {}, 1),              // n1: Leaf
      Create(gen::NodeBase::kWeakref, {0}, 0,              // n2 = weakref(n0, cb)
             {{gen::ActionKind::kTouch, 1, 0}, {gen::ActionKind::kStashWeakref, 1, 0}}),
      {gen::KeepAlive{1}},
      {gen::DropRoot{0}},                                  // n0 dies: the callback runs
  };
  executor.RunInput(program);
  auto [log, alive] = Observe();
  // The callback touched the Leaf, and the final step touched it twice more: as a kept-alive
  // survivor and through the stashed weakref.
  EXPECT_EQ(log, (std::vector<std::string>{"Leaf", "Leaf", "Leaf"}));
  EXPECT_EQ(alive, 0);
}

TEST(Executor, FinalizerResurrectionIsTouchedThenReleased) {
  Executor& executor = TheExecutor();
  gen::Program program;
  program.ops = {
      Create(gen::NodeBase::kFixtureSubclass, {}, 0,  // n0: Node subclass whose __del__
             {{gen::ActionKind::kResurrect, 0, 0}}),  //     resurrects itself
      {gen::AddEdge{0, 0, gen::EdgeVia::kSlot, 0}},   // a self-cycle: only gc frees it
      {gen::DropRoot{0}},
      {gen::Collect{2}},
  };
  executor.RunInput(program);
  auto [log, alive] = Observe();
  EXPECT_EQ(log, std::vector<std::string>{"NodeWithDel"});
  EXPECT_EQ(alive, 0);
}

// Which counters a run added to (executor/hook_context.h).
std::vector<size_t> CountersRaisedBy(Executor& executor, const gen::Program& program) {
  ResetHookContextCounters();
  executor.RunInput(program);
  const std::vector<uint8_t> after = HookContextCounters();
  std::vector<size_t> raised;
  for (size_t i = 0; i < after.size(); ++i) {
    if (after[i] != 0) raised.push_back(i);
  }
  return raised;
}

// The same callback with the same actions is a different state when a drop fires it than
// when a collection does: the fuzzer keeps an input for reaching either.
TEST(Executor, HooksAreCountedByTheOperationTheyInterrupt) {
  Executor& executor = TheExecutor();
  const std::vector<gen::Op> watched = {
      Create(gen::NodeBase::kFixture),                                             // n0
      Create(gen::NodeBase::kWeakref, {0}, 0, {{gen::ActionKind::kTouch, 0, 0}}),  // n1
      {gen::KeepAlive{1}},
  };
  gen::Program dropped;
  dropped.ops = watched;
  dropped.ops.push_back({gen::DropRoot{0}});
  gen::Program collected;
  collected.ops = watched;
  collected.ops.push_back({gen::AddEdge{0, 0, gen::EdgeVia::kSlot, 0}});
  collected.ops.push_back({gen::DropRoot{0}});
  collected.ops.push_back({gen::Collect{2}});

  const std::vector<size_t> by_drop = CountersRaisedBy(executor, dropped);
  const std::vector<size_t> by_collection = CountersRaisedBy(executor, collected);
  EXPECT_EQ(by_drop.size(), 2u);  // the hook began, and touched
  EXPECT_EQ(by_collection.size(), 2u);
  for (size_t counter : by_drop) {
    EXPECT_EQ(std::count(by_collection.begin(), by_collection.end(), counter), 0) << counter;
  }
  EXPECT_EQ(CountersRaisedBy(executor, dropped), by_drop);  // the same run, the same ones
}

// A list lets go of its items last to first (list_dealloc, every CPython 3.x). Dropping
// the only root of [n0, n1] runs n1's finalizer while n0 is still alive; of [n1, n0],
// after n0 was freed. The same hook, the same action, the same operation: only what the
// operation had freed before the hook began tells the two apart.
TEST(Executor, HooksAreCountedByHowManyNodesTheirOperationFreedBeforeThem) {
  Executor& executor = TheExecutor();
  auto dropping_list_of = [](std::vector<gen::NodeId> items) {
    gen::Program program;
    program.ops = {
        Create(gen::NodeBase::kFixture),                                                     // n0
        Create(gen::NodeBase::kFixtureSubclass, {}, 0, {{gen::ActionKind::kTouch, 1, 0}}),  // n1
        Create(gen::NodeBase::kList, std::move(items)),                                     // n2
        {gen::DropRoot{0}},
        {gen::DropRoot{1}},
        {gen::DropRoot{2}},
    };
    return program;
  };
  const std::vector<size_t> member_alive = CountersRaisedBy(executor, dropping_list_of({0, 1}));
  const std::vector<size_t> member_freed = CountersRaisedBy(executor, dropping_list_of({1, 0}));
  EXPECT_EQ(member_alive.size(), 2u);  // the hook began, and touched
  EXPECT_EQ(member_freed.size(), 2u);
  for (size_t counter : member_alive) {
    EXPECT_EQ(std::count(member_freed.begin(), member_freed.end(), counter), 0) << counter;
  }
  EXPECT_EQ(CountersRaisedBy(executor, dropping_list_of({1, 0})), member_freed);
}

TEST(Executor, OperationsThatDoNotApplyAreNoOps) {
  Executor& executor = TheExecutor();
  gen::Program program;
  program.ops = {
      Create(gen::NodeBase::kTuple),
      Create(gen::NodeBase::kFixture, {}, 1),
      {gen::AddEdge{0, 1, gen::EdgeVia::kSlot, 3}},       // tuples have no slots
      {gen::AddEdge{1, 0, gen::EdgeVia::kAttribute, 0}},  // Leaf has no __dict__
      Create(gen::NodeBase::kWeakref, {0}),               // tuples are not weakrefable
      Create(gen::NodeBase::kSet, {0, 1}),
      {gen::RemoveEdge{5, gen::EdgeVia::kItem, 0}},
      {gen::SetThresholds{1, 1, 1}},
      {gen::SetGcEnabled{false}},
  };
  executor.RunInput(program);
  host::WithGil([] {
    PyObject* gc = PyImport_ImportModule("gc");
    PyObject* enabled = PyObject_CallMethod(gc, "isenabled", nullptr);
    EXPECT_EQ(enabled, Py_True) << "the collector is re-enabled after every input";
    Py_XDECREF(enabled);
    PyObject* thresholds = PyObject_CallMethod(gc, "get_threshold", nullptr);
    EXPECT_GT(PyLong_AsLong(PyTuple_GET_ITEM(thresholds, 0)), 1);
    Py_DECREF(thresholds);
    Py_DECREF(gc);
  });
}

TEST(ExecutorDeathTest, SystemErrorIsAFinding) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  gen::Program program;
  program.ops = {Create(gen::NodeBase::kFixture), {gen::CallMethod{0, 0, false, 0}}};
  EXPECT_DEATH(TheExecutor().RunInput(program),
               "ERROR: gcfuzz: unexpected-exception(.|\n)*SystemError(.|\n)*"
               "SUMMARY: gcfuzz: unexpected-exception");
}

TEST(ExecutorDeathTest, AnUnraisableExceptionIsAFindingButARaiseActionIsNot) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  gen::Program raising;
  raising.ops = {Create(gen::NodeBase::kFixtureSubclass, {}, 0, {{gen::ActionKind::kRaise, 0, 0}}),
                 {gen::DropRoot{0}}};
  TheExecutor().RunInput(raising);  // the program's own raise: expected, no finding
  gen::Program broken_finalizer;
  broken_finalizer.ops = {Create(gen::NodeBase::kFixture), {gen::DropRoot{0}}};
  EXPECT_DEATH(
      {
        host::WithGil([] {
          // A __del__ that fails for a reason of its own is what a broken fixture looks like.
          PyRun_SimpleString("import fake_fixtures\n"
                             "fake_fixtures.Node.__del__ = lambda self: 1 / 0\n");
        });
        TheExecutor().RunInput(broken_finalizer);
      },
      "ERROR: gcfuzz: unexpected-exception(.|\n)*ZeroDivisionError");
}

}  // namespace
}  // namespace gcfuzz::exec
