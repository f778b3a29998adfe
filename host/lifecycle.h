// The interpreter's lifecycle for the targets that exercise it (lifecycle_fuzzer): the
// runtime finalized and initialized again, and subinterpreters started and ended, all on
// the host thread. Everything else in gcfuzz keeps one interpreter per process
// (interpreter.h); these are the only places that end one.
//
// Memory: each event measures the bytes the sanitizer allocator holds (ASan's
// __sanitizer_get_current_allocated_bytes, mallinfo2 without ASan), so that the target can
// report what stays allocated per finalize/initialize cycle and per subinterpreter.
#pragma once

#include <Python.h>

#include <cstdint>
#include <memory>

namespace gcfuzz::host {

// Bytes allocated now (ASan's count, which includes everything CPython allocates under
// the malloc allocator), or mallinfo2's in-use bytes without ASan.
int64_t AllocatedBytes();

// gc.unfreeze() in the current interpreter: before it ends. Finalization collects the
// oldest generation, never the permanent one, so whatever FreezeHeap() froze and that is
// cyclic would stay allocated forever (~0.5 MB per restart on 3.11 before this). Throws
// report::SetupError if it fails.
void UnfreezeHeap();

// Py_FinalizeEx, then InitializeAgain() (interpreter.h). The caller has ended every
// subinterpreter and released every reference it held into the old runtime. Throws
// report::SetupError (report/setup_failure.h) when finalization or the new start fails.
void RestartRuntime();

// A subinterpreter whose thread state lives on the host thread. The fixtures module uses
// single-phase initialization, which only legacy subinterpreters accept (3.12+ refuses it
// in an interpreter with its own GIL), so every subinterpreter shares the main GIL:
// Py_NewInterpreter(), the legacy configuration, on every version. Switching is a
// PyThreadState_Swap, with the GIL held throughout.
class Subinterpreter {
 public:
  // Starts it (single-phase modules of the inittab are imported anew in it, each with its
  // own module state) and returns to the interpreter that was current. Throws
  // report::SetupError when it cannot start.
  Subinterpreter();
  // Ends it (Py_EndInterpreter), returning to the interpreter that was current.
  ~Subinterpreter();
  Subinterpreter(const Subinterpreter&) = delete;
  Subinterpreter& operator=(const Subinterpreter&) = delete;

  // Makes it the current interpreter; returns the thread state that was current, for Leave.
  PyThreadState* Enter();
  static void Leave(PyThreadState* previous);

  PyInterpreterState* interp() const;

 private:
  PyThreadState* tstate_ = nullptr;
};

}  // namespace gcfuzz::host
