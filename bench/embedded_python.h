// The benchmark's embedded interpreter: the host's, plus the bench modules, with the
// collector quiet and everything that exists before the first graph frozen.
#pragma once

#include <Python.h>

#include <string>

namespace gcfuzz::bench {

// Starts the interpreter (host::EnsureInterpreter with _gcfuzz_bench built in), imports
// graphs.py and auto_workload.py from the bench source directory, disables automatic
// collection (only the auto-collection benchmark turns it on) and gc.freeze()s the heap so
// that a collection examines the benchmark's graph and nothing else. Exits on failure.
void StartEmbeddedPython();

// Borrowed references to the imported bench modules.
PyObject* GraphsModule();
PyObject* WorkloadModule();

// str(eval(expression)) in a fresh namespace, or "?" when it raises; for the context.
std::string EvalToString(const char* expression);

}  // namespace gcfuzz::bench
