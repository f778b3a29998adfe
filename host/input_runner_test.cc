#include "host/input_runner.h"

#include <gtest/gtest.h>

#include "host/interpreter.h"
#include "report/finding.h"

namespace gcfuzz::host {
namespace {

TEST(InputRunner, RunsBodyWithTheGil) {
  EnsureInterpreter();
  bool held = false;
  RunInput([&] { held = PyGILState_Check(); });
  EXPECT_TRUE(held);
}

TEST(InputRunner, CollectsCyclesLeftByTheInput) {
  EnsureInterpreter();
  PyObject* ref = nullptr;
  RunInput([&] {
    PyObject* globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyObject* result = PyRun_String(
        "import weakref\n"
        "class Node: pass\n"
        "node = Node(); node.me = node\n"
        "ref = weakref.ref(node)\n"
        "del node, Node\n",
        Py_file_input, globals, globals);
    ASSERT_NE(result, nullptr);
    Py_DECREF(result);
    ref = PyDict_GetItemString(globals, "ref");
    Py_INCREF(ref);
    Py_DECREF(globals);  // globals -> ref only; the cycle is garbage now
    EXPECT_NE(PyWeakref_GetObject(ref), Py_None) << "only a collection can free a cycle";
  });
  bool cleared = false;
  RunInput([&] {
    cleared = PyWeakref_GetObject(ref) == Py_None;
    Py_DECREF(ref);
  });
  EXPECT_TRUE(cleared) << "the final collection of an input must free its cycles";
}

TEST(InputRunnerDeathTest, PendingExceptionIsAFinding) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        EnsureInterpreter();
        RunInput([] { PyErr_SetString(PyExc_RuntimeError, "left behind"); });
      },
      "ERROR: gcfuzz: unexpected-exception(.|\n)*RuntimeError: left behind(.|\n)*"
      "SUMMARY: gcfuzz: unexpected-exception");
}

TEST(InputRunnerDeathTest, FailedAfterInputCheckIsAFinding) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        EnsureInterpreter();
        AddAfterInputCheck([]() -> std::optional<report::Finding> {
          return report::Finding{"leak", "traverse-misses-member", "1 fixture alive"};
        });
        RunInput([] {});
      },
      "SUMMARY: gcfuzz: leak \\[traverse-misses-member\\]");
}

}  // namespace
}  // namespace gcfuzz::host
