// What a result depends on beyond the code: the interpreter, its build and GC thresholds,
// and how the suite was built, recorded in the Google Benchmark JSON "context" (next to
// the library's own: CPU count, frequency, cache sizes, load average).
#pragma once

namespace gcfuzz::bench {

// Needs the interpreter (StartEmbeddedPython) and must run before the benchmarks do, and
// before FreezeSuiteHeap: reading the context imports modules.
void AddSuiteContext(bool quick);

// After FreezeSuiteHeap: how many objects were frozen, and how many a collection still
// examines besides a benchmark's graph (near zero, or the fixed cost is not the
// collector's own).
void AddHeapContext();

}  // namespace gcfuzz::bench
