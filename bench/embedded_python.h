// The benchmark's embedded interpreter: the host's, plus the bench modules, with the
// collector quiet and everything that exists before the first graph frozen.
#pragma once

#include <Python.h>

#include <string>

namespace gcfuzz::bench {

// Starts the interpreter (host::EnsureInterpreter with _gcfuzz_bench built in), imports
// graphs.py and auto_workload.py from the bench source directory and disables automatic
// collection (only the auto-collection benchmark turns it on). Exits on failure.
void StartEmbeddedPython();

// gc.collect() then gc.freeze(), so that a collection examines the benchmark's graph and
// nothing else. Last thing before the benchmarks: whatever the suite itself creates and
// keeps before (the context's sysconfig import among it) must be frozen too. Exits on
// failure.
void FreezeSuiteHeap();

// Borrowed references to the imported bench modules.
PyObject* GraphsModule();
PyObject* WorkloadModule();

// str(eval(expression)) in a fresh namespace, or "?" when it raises; for the context.
std::string EvalToString(const char* expression);

}  // namespace gcfuzz::bench
