#include "executor/hooks.h"

#include "executor/program_run.h"

namespace gcfuzz::exec {
namespace {

// Per thread: in lock-step (threads_fuzzer) only the thread running an operation has one;
// in stress_fuzzer every worker runs a program of its own.
thread_local ProgramRun* g_active_run = nullptr;
PyObject* g_program_raised = nullptr;  // borrowed from PythonSupport, which lives forever

// __del__(self), reached as an instance method, so args == (self,).
PyObject* DelHook(PyObject*, PyObject* self) {
  if (g_active_run != nullptr) g_active_run->RunFinalizerHook(self);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

// callback(weakref), bound to (run serial, weakref node id): a callback fires in whatever
// collection frees its referent, and runs its actions only in the run that made it.
PyObject* WeakrefCallback(PyObject* bound, PyObject* weakref) {
  long long run = 0;
  int node = -1;
  if (!PyArg_ParseTuple(bound, "Li", &run, &node)) return nullptr;
  if (g_active_run != nullptr && g_active_run->serial() == run) g_active_run->RunHook(node, weakref);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* UnraisableHook(PyObject*, PyObject* info) {
  PyObject* type = PyObject_GetAttrString(info, "exc_type");
  if (type == nullptr) return nullptr;
  const bool expected = g_program_raised != nullptr && PyType_Check(type) &&
                        PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(type),
                                         reinterpret_cast<PyTypeObject*>(g_program_raised));
  if (!expected && g_active_run != nullptr) {
    PyObject* value = PyObject_GetAttrString(info, "exc_value");
    PyObject* where = PyObject_GetAttrString(info, "object");
    PyObject* text = PyUnicode_FromFormat("unraisable exception in %R: %R", where, value);
    const char* utf8 = text ? PyUnicode_AsUTF8(text) : nullptr;
    g_active_run->RecordUnexpected(utf8 ? utf8 : "unraisable exception");
    Py_XDECREF(text);
    Py_XDECREF(where);
    Py_XDECREF(value);
    PyErr_Clear();
  }
  Py_DECREF(type);
  Py_RETURN_NONE;
}

PyMethodDef g_del_hook = {"__del__", DelHook, METH_O, "gcfuzz: runs the node's __del__ actions"};
PyMethodDef g_callback = {"callback", WeakrefCallback, METH_O,
                          "gcfuzz: runs the weakref node's callback actions"};
PyMethodDef g_unraisable = {"unraisablehook", UnraisableHook, METH_O,
                            "gcfuzz: unexpected unraisable exceptions are findings"};

}  // namespace

ProgramRun* ActiveRun() { return g_active_run; }
void SetActiveRun(ProgramRun* run) { g_active_run = run; }

PyObject* NewDelHook() {
  PyObject* function = PyCFunction_New(&g_del_hook, nullptr);
  if (function == nullptr) return nullptr;
  PyObject* method = PyInstanceMethod_New(function);
  Py_DECREF(function);
  return method;
}

PyObject* NewWeakrefCallback(long long run_serial, int node) {
  PyObject* bound = Py_BuildValue("(Li)", run_serial, node);
  if (bound == nullptr) return nullptr;
  PyObject* callback = PyCFunction_New(&g_callback, bound);
  Py_DECREF(bound);
  return callback;
}

void UseProgramRaised(PyObject* program_raised) { g_program_raised = program_raised; }

PyObject* NewUnraisableHook(PyObject* program_raised) {
  g_program_raised = program_raised;
  return PyCFunction_New(&g_unraisable, nullptr);
}

}  // namespace gcfuzz::exec
