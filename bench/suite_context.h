// What a result depends on beyond the code: the interpreter, its build and GC thresholds,
// and how the suite was built, recorded in the Google Benchmark JSON "context" (next to
// the library's own: CPU count, frequency, cache sizes, load average).
#pragma once

namespace gcfuzz::bench {

// Needs the interpreter (StartEmbeddedPython) and must run before the benchmarks do.
void AddSuiteContext(bool quick);

}  // namespace gcfuzz::bench
