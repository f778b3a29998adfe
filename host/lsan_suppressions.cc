// LeakSanitizer stays on for every gcfuzz binary: a leak in a fixture or in gcfuzz is a
// finding. What is suppressed here is only what the interpreter allocates once per process
// and never frees because the host never finalizes it (see interpreter.h), matched by the
// function that makes the allocation, never by a whole library.
//
// libFuzzer and the ASan runtime call this hook; it is a weak symbol in their runtime.
extern "C" const char* __lsan_default_suppressions() {
  return
      // Reached only through the interpreter's own one-time start-up state.
      "leak:Py_InitializeFromConfig\n"
      "leak:Py_PreInitialize\n";
}
