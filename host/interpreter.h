// The embedded interpreter: initialised once per process, shared by every input.
//
// Why once: initialising CPython costs milliseconds and Py_Finalize cannot free all of
// it; a fuzzer runs thousands of inputs a second. Isolation between inputs is the
// executor's job (it verifies nothing survives an input), not a fresh interpreter's.
#pragma once

#include <Python.h>

#include <string>
#include <vector>

namespace gcfuzz::host {

// A module compiled into the host binary, registered with the interpreter before it starts
// (PyImport_AppendInittab) and imported before the startup heap is frozen.
struct BuiltinModule {
  const char* name;
  PyObject* (*init)(void);
};

struct InterpreterOptions {
  std::vector<BuiltinModule> builtin_modules;
  // gc.freeze() after start-up so a collection examines the objects of the current input,
  // not the interpreter's own thousands of startup objects.
  bool freeze_startup_heap = true;
};

// Starts the interpreter the first time it is called (later calls must pass equal options
// or none). The calling thread becomes the host thread: it holds the GIL from then on,
// between inputs too, and lends it to other threads only explicitly (host/gil.h). Throws
// report::SetupError (report/setup_failure.h) if the interpreter cannot start.
void EnsureInterpreter(const InterpreterOptions& options = {});

bool InterpreterStarted();

// After Py_FinalizeEx on the host thread (host/lifecycle.h restarts the runtime): starts
// the interpreter again as EnsureInterpreter did the first time, with the same options
// (same configuration, the builtin modules imported, the startup heap frozen). Throws
// report::SetupError as EnsureInterpreter does.
void InitializeAgain();

// gc.collect() then gc.freeze(): everything alive now (not garbage) moves to the permanent
// generation, which collections skip. Start-up does it; so does anyone who adds long-lived objects later (the executor's
// support objects). Needs the GIL; throws report::SetupError if it fails.
void FreezeHeap();

// True on the thread that started the interpreter.
bool OnHostThread();

// Which allocator the host asked for, for reports ("malloc" under ASan).
const char* AllocatorName();

}  // namespace gcfuzz::host
