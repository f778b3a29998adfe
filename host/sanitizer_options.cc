// How the sanitizer runtimes behave in every binary that links the host, compiled into each
// executable (see host/CMakeLists.txt) because the runtimes look these hooks up by name.
//
// LeakSanitizer stays on: a leak in a fixture or in gcfuzz is a finding. Suppressed here is
// only what the interpreter allocates once per process and never frees because the host
// never finalizes it (interpreter.h), matched by the function that makes the allocation,
// never by a whole library.
extern "C" const char* __lsan_default_suppressions() {
  return
      // Start-up state reachable only from the runtime's own static structures.
      "leak:Py_InitializeFromConfig\n"
      "leak:Py_PreInitialize\n";
}

// UBSan reports carry the stack that led to them, like ASan's.
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1"; }
