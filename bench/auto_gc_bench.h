// Automatic collections under an allocation-heavy workload (auto_workload.py), observed
// through gc.callbacks with the interpreter's own thresholds.
#pragma once

namespace gcfuzz::bench {

void RegisterAutoGcBenchmark(bool quick);

}  // namespace gcfuzz::bench
