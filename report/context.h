// What the program was doing when a finding happened, printed after the report as
// `gcfuzz: during operation #7 (drop-root): del n3` or `gcfuzz: during the final step`:
// the operation that failed, which finding signatures include (cli/gcfuzz/signature.py).
//
// The executor sets a describer (executor/operation_context.h); the reporting paths that
// end a process (report.cc's PrintFinding, the fixtures' sanitizer and abort hooks) print
// it. Without a describer (the fixtures in a plain interpreter, tests) nothing is printed.
#pragma once

#include <cstdio>
#include <string>

namespace gcfuzz::report {

// Returns the line without "gcfuzz: " and without newline; "" for nothing to say.
using ContextDescriber = std::string (*)();

void SetContextDescriber(ContextDescriber describer);

// At most once per process (a dying process may reach several reporting paths).
void PrintContext(std::FILE* out);

}  // namespace gcfuzz::report
