#include "embedding/module_embedding.h"

#include <Python.h>

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "embedding/module_shim_source.h"
#include "host/lifecycle.h"
#include "host/python_error.h"
#include "host/relocated_home.h"
#include "report/finding.h"
#include "report/setup_failure.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/lsan_interface.h>
#define GCFUZZ_LSAN_SCOPE __lsan::ScopedDisabler lsan_off
#endif
#endif
#ifndef GCFUZZ_LSAN_SCOPE
#define GCFUZZ_LSAN_SCOPE
#endif

namespace gcfuzz::module_mode {
namespace {

// Runs the shim's source in the new module's namespace; a plan the shim cannot use raises
// its PlanError, which the executor reports as a set-up failure. What the user's module
// allocates while it is imported (at start, and again in every subinterpreter and after
// every restart) and never frees is its own start-up, not a leak of an input:
// LeakSanitizer does not count it (Debian's yaml._yaml loses a few objects there). Leaks of
// the module's code while inputs run are still reported.
int ExecShim(PyObject* module) {
  GCFUZZ_LSAN_SCOPE;
  PyObject* code = Py_CompileString(kModuleShimSource, "embedding/module_shim.py", Py_file_input);
  if (code == nullptr) return -1;
  PyObject* result = PyEval_EvalCode(code, PyModule_GetDict(module), PyModule_GetDict(module));
  Py_DECREF(code);
  if (result == nullptr) return -1;
  Py_DECREF(result);
  return 0;
}

PyModuleDef_Slot g_slots[] = {{Py_mod_exec, reinterpret_cast<void*>(ExecShim)}, {0, nullptr}};

PyModuleDef g_definition = {PyModuleDef_HEAD_INIT, kShimModuleName,
                            "A user's extension module in the executor's fixture protocol.", 0,
                            nullptr, g_slots, nullptr, nullptr, nullptr};

PyObject* InitShim() { return PyModuleDef_Init(&g_definition); }

std::string Text(PyObject* item) {
  const char* text = item && PyUnicode_Check(item) ? PyUnicode_AsUTF8(item) : nullptr;
  if (text == nullptr) {
    PyErr_Clear();
    return "";
  }
  return text;
}

// New reference: what the shim's function `name` returns, or nullptr with the error set.
PyObject* CallShim(const char* name) {
  PyObject* shim = PyImport_ImportModule(kShimModuleName);
  PyObject* result = shim ? PyObject_CallMethod(shim, name, nullptr) : nullptr;
  Py_XDECREF(shim);
  return result;
}

// The shim's after_input(): None, or (oracle, bug class, detail).
std::optional<report::Finding> CheckAfterInput() {
  PyObject* result = CallShim("after_input");
  if (result == nullptr) {
    return report::Finding{"unexpected-exception", "",
                           "the module shim's after-input check raised: " +
                               host::TakePythonError()};
  }
  std::optional<report::Finding> finding;
  if (PyTuple_Check(result) && PyTuple_GET_SIZE(result) == 3) {
    finding = report::Finding{Text(PyTuple_GET_ITEM(result, 0)), Text(PyTuple_GET_ITEM(result, 1)),
                              Text(PyTuple_GET_ITEM(result, 2))};
  }
  Py_DECREF(result);
  return finding;
}

void RecordBaseline() {
  PyObject* result = CallShim("baseline");
  if (result == nullptr) {
    throw report::SetupError("module mode: the shim's baseline failed", host::TakePythonError());
  }
  Py_DECREF(result);
}

}  // namespace

bool Requested() {
  const char* plan = std::getenv(kPlanVariable);
  if (plan != nullptr && plan[0] != '\0') return true;
  // A plan beside the executable (<target>.module, as oss-fuzz/module/build.sh ships one in
  // $OUT, where a runner sets no environment of ours) stands for the variable.
  const std::string executable = host::ExecutablePath();
  if (executable.empty()) return false;
  const std::string beside = executable + ".module";
  if (access(beside.c_str(), R_OK) != 0) return false;
  setenv(kPlanVariable, beside.c_str(), 1);
  return true;
}

host::BuiltinModule ShimModule() { return {kShimModuleName, InitShim}; }

std::string SubinterpreterRefusal() {
  std::string refusal;
  try {
    host::Subinterpreter sub;
    PyThreadState* previous = sub.Enter();
    PyObject* shim = PyImport_ImportModule(kShimModuleName);
    if (shim == nullptr) {
      refusal = host::LastLine(host::TakePythonError());
      if (refusal.empty()) refusal = "its import fails there";
    }
    Py_XDECREF(shim);
    host::Subinterpreter::Leave(previous);
  } catch (const report::SetupError& error) {
    refusal = error.what();
  }
  return refusal;
}

exec::ExecutorOptions ExecutorOptionsForModule() {
  exec::ExecutorOptions options;
  options.builtin_modules = {ShimModule()};
  options.fixture_module = kShimModuleName;
  options.after_input_checks = {CheckAfterInput};
  options.before_first_input = {RecordBaseline};
  return options;
}

}  // namespace gcfuzz::module_mode
