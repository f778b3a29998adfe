#include "executor/python_support.h"

#include <string>

#include "executor/hooks.h"
#include "host/python_error.h"
#include "report/setup_failure.h"

namespace gcfuzz::exec {
namespace {

// Compiled once; defines what nodes of the builtin kinds are made of.
constexpr const char kSupportSource[] =
    // Closures and bound methods take and ignore any arguments: they are the callables a
    // program hands to constructors that call back (Var's fill). Packing the arguments
    // allocates a tuple, a GC object, which is how a callback collects at threshold 1.
    "def make_closure(*initial):\n"
    "    if initial:\n"
    "        value = initial[0]\n"
    "    def closure(*ignored):\n"
    "        return value\n"
    "    return closure\n"
    "def method_function(self, *ignored):\n"
    "    return self\n"
    "class ProgramRaised(Exception):\n"
    "    'Raised on purpose by a hook of a gcfuzz program.'\n";

[[noreturn]] void Die(const char* what) {
  throw report::SetupError(std::string("executor set-up failed: ") + what, host::TakePythonError());
}

PyObject* Lookup(PyObject* namespace_dict, const char* name) {
  PyObject* value = PyDict_GetItemString(namespace_dict, name);
  if (value == nullptr) Die(name);
  Py_INCREF(value);
  return value;
}

// type(name, (base,), {'__del__': del_hook}) or without __del__; nullptr when the base
// cannot be subclassed.
PyObject* MakeSubclass(PyObject* base, bool with_del) {
  PyObject* name = PyUnicode_FromFormat("%s%s", reinterpret_cast<PyTypeObject*>(base)->tp_name,
                                        with_del ? "WithDel" : "Sub");
  PyObject* namespace_dict = PyDict_New();
  if (with_del) {
    PyObject* hook = NewDelHook();
    PyDict_SetItemString(namespace_dict, "__del__", hook);
    Py_DECREF(hook);
  }
  PyObject* subclass = PyObject_CallFunction(reinterpret_cast<PyObject*>(&PyType_Type), "O(O)O",
                                             name, base, namespace_dict);
  if (subclass == nullptr) PyErr_Clear();
  Py_DECREF(namespace_dict);
  Py_DECREF(name);
  return subclass;
}

}  // namespace

PythonSupport::PythonSupport(const FixtureAdapter& fixtures) {
  PyObject* globals = PyDict_New();
  PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
  PyObject* result = PyRun_String(kSupportSource, Py_file_input, globals, globals);
  if (result == nullptr) Die("support source");
  Py_DECREF(result);
  closure_factory_ = Lookup(globals, "make_closure");
  method_function_ = Lookup(globals, "method_function");
  program_raised_ = Lookup(globals, "ProgramRaised");
  Py_DECREF(globals);

  gc_ = PyImport_ImportModule("gc");
  if (gc_ == nullptr) Die("import gc");
  PyObject* thresholds = PyObject_CallMethod(gc_, "get_threshold", nullptr);
  if (thresholds == nullptr ||
      !PyArg_ParseTuple(thresholds, "iii", &thresholds_[0], &thresholds_[1], &thresholds_[2])) {
    Die("gc.get_threshold");
  }
  Py_DECREF(thresholds);

  for (int kind = 0; kind < fixtures.catalog().kind_count(); ++kind) {
    const bool subclassable = fixtures.catalog().kinds[kind].subclassable;
    subclasses_with_del_.push_back(subclassable ? MakeSubclass(fixtures.Type(kind), true) : nullptr);
    subclasses_without_del_.push_back(subclassable ? MakeSubclass(fixtures.Type(kind), false)
                                                   : nullptr);
  }

  PyObject* hook = NewUnraisableHook(program_raised_);
  if (hook == nullptr || PySys_SetObject("unraisablehook", hook) < 0) Die("sys.unraisablehook");
  Py_DECREF(hook);
}

PythonSupport::~PythonSupport() {
  UseProgramRaised(nullptr);
  Py_CLEAR(gc_);
  Py_CLEAR(closure_factory_);
  Py_CLEAR(method_function_);
  Py_CLEAR(program_raised_);
  for (PyObject*& subclass : subclasses_with_del_) Py_CLEAR(subclass);
  for (PyObject*& subclass : subclasses_without_del_) Py_CLEAR(subclass);
}

void PythonSupport::Activate() const { UseProgramRaised(program_raised_); }

PyObject* PythonSupport::NewClosure(PyObject* initial_or_null) const {
  return initial_or_null ? PyObject_CallFunctionObjArgs(closure_factory_, initial_or_null, nullptr)
                         : PyObject_CallObject(closure_factory_, nullptr);
}

PyObject* PythonSupport::NewBoundMethod(PyObject* receiver) const {
  return PyMethod_New(method_function_, receiver);
}

PyObject* PythonSupport::Subclass(int kind, bool has_del) const {
  return (has_del ? subclasses_with_del_ : subclasses_without_del_)[kind];
}

PyObject* PythonSupport::NewOwnClass(PyObject* base, bool has_del) {
  return MakeSubclass(base, has_del);
}

PyObject* PythonSupport::NewWeakref(PyObject* referent, long long run_serial,
                                     int node_with_callback) const {
  PyObject* callback =
      node_with_callback >= 0 ? NewWeakrefCallback(run_serial, node_with_callback) : nullptr;
  PyObject* ref = PyWeakref_NewRef(referent, callback);
  Py_XDECREF(callback);
  return ref;
}

PyObject* PythonSupport::CellOf(PyObject* closure) {
  if (!PyFunction_Check(closure)) return nullptr;
  PyObject* cells = PyFunction_GetClosure(closure);
  if (cells == nullptr || !PyTuple_Check(cells) || PyTuple_GET_SIZE(cells) != 1) return nullptr;
  return PyTuple_GET_ITEM(cells, 0);
}

void PythonSupport::Collect(int generation) const {
  PyObject* result = PyObject_CallMethod(gc_, "collect", "i", generation);
  Py_XDECREF(result);
}

bool PythonSupport::GcEnabled() const {
  PyObject* result = PyObject_CallMethod(gc_, "isenabled", nullptr);
  const bool enabled = result != nullptr && PyObject_IsTrue(result) == 1;
  Py_XDECREF(result);
  return enabled;
}

namespace {

// Keeps an error pending across a call into Python, which must not run with one set (a
// debug interpreter asserts): the collector's settings change after a constructor failed
// (NewChain) or at the end of a run, and the caller still sees that error.
class PendingErrorKept {
 public:
  PendingErrorKept() { PyErr_Fetch(&type_, &value_, &traceback_); }
  ~PendingErrorKept() { PyErr_Restore(type_, value_, traceback_); }
  PendingErrorKept(const PendingErrorKept&) = delete;
  PendingErrorKept& operator=(const PendingErrorKept&) = delete;

 private:
  PyObject* type_ = nullptr;
  PyObject* value_ = nullptr;
  PyObject* traceback_ = nullptr;
};

}  // namespace

void PythonSupport::SetGcEnabled(bool enabled) const {
  PendingErrorKept pending;
  PyObject* result = PyObject_CallMethod(gc_, enabled ? "enable" : "disable", nullptr);
  Py_XDECREF(result);
}

void PythonSupport::SetThresholds(int young, int middle, int old) const {
  PendingErrorKept pending;
  PyObject* result = PyObject_CallMethod(gc_, "set_threshold", "iii", young, middle, old);
  Py_XDECREF(result);
}

void PythonSupport::RestoreGcState() const {
  SetGcEnabled(true);
  SetThresholds(thresholds_[0], thresholds_[1], thresholds_[2]);
}

}  // namespace gcfuzz::exec
