// The pause benchmarks: one collection per iteration, one iteration per repetition, manual
// time covering the collection only (graph construction is never inside it).
#pragma once

#include <vector>

#include "bench/suite_plan.h"

namespace gcfuzz::bench {

void RegisterPauseBenchmarks(const std::vector<PauseCase>& plan);

}  // namespace gcfuzz::bench
