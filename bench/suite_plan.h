// Which pause benchmarks a run contains: the size sweep (the plot and the headline table)
// and the shape x kind matrix, in a --quick and a full variant.
#pragma once

#include <string>
#include <vector>

#include "bench/graph_spec.h"

namespace gcfuzz::bench {

struct PauseCase {
  std::string name;  // <full|young>/<shape>/<kind>/<alive|garbage>/<objects requested>
  int generation = 2;
  GraphSpec graph;   // shape "empty": no graph, the fixed cost of a collection
  int repetitions = 1;
};

std::vector<PauseCase> PausePlan(bool quick);

}  // namespace gcfuzz::bench
