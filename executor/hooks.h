// Where finalizers (__del__ of subclass nodes) and weakref callbacks enter the executor.
// They run whenever the interpreter decides (during a collection, a drop, a nested
// collection), so they reach the run in progress through ActiveRun(): the run that the
// calling thread is executing. Several runs can be in progress at once, one per thread
// (stress_fuzzer); a hook made by one run does nothing when it fires in another's thread.
#pragma once

#include <Python.h>

namespace gcfuzz::exec {

class ProgramRun;

// The run this thread is executing now, or nullptr (then hooks do nothing).
ProgramRun* ActiveRun();
void SetActiveRun(ProgramRun* run);

// PyCFunction objects: __del__(self) for subclasses (wrapped as an instance method), and the
// weakref callback factory (bound to the run that made it, by its serial, and the node id).
PyObject* NewDelHook();
PyObject* NewWeakrefCallback(long long run_serial, int node);

// sys.unraisablehook replacement: exceptions a hook raised on purpose are expected, any
// other unraisable exception (a fixture's dealloc or finalizer failing) is recorded on the
// active run as an unexpected exception.
// `program_raised` is the exception type hooks raise on purpose (kept alive by the caller).
PyObject* NewUnraisableHook(PyObject* program_raised);
// Changes the expected exception type of the hook NewUnraisableHook made (nullptr: none),
// for an executor that switches interpreters, each with its own type.
void UseProgramRaised(PyObject* program_raised);

}  // namespace gcfuzz::exec
