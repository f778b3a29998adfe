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
extern "C" const char* __lsan_default_suppressions() { return ""; }

// UBSan reports carry the stack that led to them, like ASan's.
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1"; }
