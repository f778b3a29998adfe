// How the sanitizer runtimes behave in every binary that links the host, compiled into each
// executable (see host/CMakeLists.txt) because the runtimes look these hooks up by name.
//
// LeakSanitizer stays on: a leak in a fixture or in gcfuzz is a finding. This list may hold
// only the interpreter's own one-time allocations, each matched by the function that makes
// it, never a whole library, and each added with the report that needed it. It is empty
// while the host never finalizes the interpreter (interpreter.h): everything CPython
// allocated then stays reachable from its runtime state, and LSan reports nothing for it on
// 3.8 to 3.13 and the debug build (checked with LSAN_OPTIONS=print_suppressions=1). The
// lifecycle targets, which finalize, are where entries will belong.
//
// A target that finalizes adds its own list by defining gcfuzz_target_lsan_suppressions()
// (fuzzers/lifecycle_fuzzer.cc), so that no other binary hides anything.
extern "C" __attribute__((weak)) const char* gcfuzz_target_lsan_suppressions();
extern "C" const char* __lsan_default_suppressions() {
  return gcfuzz_target_lsan_suppressions ? gcfuzz_target_lsan_suppressions() : "";
}

// Freed memory is scribbled (ASan's free_fill_byte, 0x55) so that a dangling pointer the
// uninstrumented interpreter follows reads garbage rather than the dead object's intact
// fields: a freed object's refcount would still read 0, and a stale weakref would quietly
// answer None instead of handing the freed object to instrumented code, where ASan reports
// the use (weakrefs-not-cleared). 4096 bytes covers every object the fixtures make.
//
// Allocation and free stacks are kept 8 frames deep, not 30: with PYTHONMALLOC=malloc every
// Python object is an ASan allocation, and unwinding and storing its stack was about a
// tenth of graph_fuzzer's time (10-14 % more executions per second, measured in pairs of
// 15 s runs with the same -seed). Finding signatures use the faulting stack, which this does
// not shorten; `gcfuzz repro` replays with 30 frames (cli/gcfuzz/replay.py).
extern "C" const char* __asan_default_options() {
  return "max_free_fill_size=4096:malloc_context_size=8";
}

// UBSan reports carry the stack that led to them, like ASan's.
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1"; }
