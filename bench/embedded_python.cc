#include "bench/embedded_python.h"

#include <cstdio>
#include <cstdlib>

#include "bench/bench_node.h"
#include "host/interpreter.h"
#include "host/python_error.h"

namespace gcfuzz::bench {
namespace {

PyObject* g_graphs = nullptr;
PyObject* g_workload = nullptr;

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "gc_pause_bench: %s\n%s", what, host::TakePythonError().c_str());
  std::exit(1);
}

PyObject* ImportOrDie(const char* name) {
  PyObject* module = PyImport_ImportModule(name);
  if (module == nullptr) Die(name);
  return module;
}

void CallGcOrDie(const char* method) {
  PyObject* gc = ImportOrDie("gc");
  PyObject* result = PyObject_CallMethod(gc, method, nullptr);
  if (result == nullptr) Die(method);
  Py_DECREF(result);
  Py_DECREF(gc);
}

}  // namespace

void StartEmbeddedPython() {
  host::InterpreterOptions options;
  options.builtin_modules.push_back({"_gcfuzz_bench", InitBenchNodeModule});
  host::EnsureInterpreter(options);
  PyObject* path = PySys_GetObject("path");  // borrowed
  PyObject* directory = PyUnicode_FromString(GCFUZZ_BENCH_SOURCE_DIR);
  if (path == nullptr || directory == nullptr || PyList_Insert(path, 0, directory) != 0) {
    Die("cannot extend sys.path");
  }
  Py_DECREF(directory);
  g_graphs = ImportOrDie("graphs");
  g_workload = ImportOrDie("auto_workload");
  // Automatic collections would land inside graph construction and move graphs between
  // generations behind the benchmark's back; the pause benchmarks collect explicitly.
  CallGcOrDie("disable");
}

void FreezeSuiteHeap() {
  // The host froze the startup heap; freeze what the suite added since.
  CallGcOrDie("collect");
  CallGcOrDie("freeze");
}

PyObject* GraphsModule() { return g_graphs; }

PyObject* WorkloadModule() { return g_workload; }

std::string EvalToString(const char* expression) {
  PyObject* globals = PyDict_New();
  PyObject* value = nullptr;
  if (globals != nullptr && PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) == 0) {
    value = PyRun_String(expression, Py_eval_input, globals, globals);
  }
  PyObject* text = value ? PyObject_Str(value) : nullptr;
  const char* utf8 = text ? PyUnicode_AsUTF8(text) : nullptr;
  std::string result = utf8 ? utf8 : "?";
  if (utf8 == nullptr) PyErr_Clear();
  Py_XDECREF(text);
  Py_XDECREF(value);
  Py_XDECREF(globals);
  return result;
}

}  // namespace gcfuzz::bench
