#include "host/lifecycle.h"

#include <malloc.h>

#include "host/interpreter.h"
#include "host/python_error.h"
#include "host/sanitizers.h"
#include "report/setup_failure.h"

#ifdef GCFUZZ_HAS_ASAN
#include <sanitizer/allocator_interface.h>
#endif

namespace gcfuzz::host {

int64_t AllocatedBytes() {
#ifdef GCFUZZ_HAS_ASAN
  return static_cast<int64_t>(__sanitizer_get_current_allocated_bytes());
#else
  return static_cast<int64_t>(mallinfo2().uordblks);
#endif
}

void UnfreezeHeap() {
  PyObject* gc = PyImport_ImportModule("gc");
  PyObject* result = gc ? PyObject_CallMethod(gc, "unfreeze", nullptr) : nullptr;
  if (result == nullptr) throw report::SetupError("gc.unfreeze() failed", TakePythonError());
  Py_DECREF(result);
  Py_DECREF(gc);
}

void RestartRuntime() {
  if (Py_FinalizeEx() != 0) {
    throw report::SetupError("Py_FinalizeEx failed (flushing the standard streams)");
  }
  InitializeAgain();
}

Subinterpreter::Subinterpreter() {
  PyThreadState* previous = PyThreadState_Get();
  tstate_ = Py_NewInterpreter();
  if (tstate_ == nullptr) throw report::SetupError("cannot start a subinterpreter", TakePythonError());
  // Py_NewInterpreter made it current; the caller imports what it needs after Enter().
  PyThreadState_Swap(previous);
}

Subinterpreter::~Subinterpreter() {
  PyThreadState* previous = PyThreadState_Swap(tstate_);
  Py_EndInterpreter(tstate_);  // leaves no current thread state
  PyThreadState_Swap(previous);
}

PyThreadState* Subinterpreter::Enter() { return PyThreadState_Swap(tstate_); }

void Subinterpreter::Leave(PyThreadState* previous) { PyThreadState_Swap(previous); }

PyInterpreterState* Subinterpreter::interp() const {
#if PY_VERSION_HEX >= 0x03090000
  return PyThreadState_GetInterpreter(tstate_);
#else
  return tstate_->interp;  // 3.8: no accessor, the field is public
#endif
}

}  // namespace gcfuzz::host
