// What a benchmark graph is, without Python: the plan (suite_plan.h) is made of these, and
// graph.h builds them in the embedded interpreter.
#pragma once

#include <string>

namespace gcfuzz::bench {

// gc.collect's argument for the two collections the suite times.
inline constexpr int kYoungGeneration = 0;
inline constexpr int kOldestGeneration = 2;

struct GraphSpec {
  std::string shape;  // a key of graphs.SHAPES ("empty": no graph)
  std::string kind;   // a key of graphs.KINDS ("list"/"plain" for the list and pyperf shapes)
  long size = 0;      // objects requested; the shape may round it (rings of 21, pairs)
  bool alive = true;
};

}  // namespace gcfuzz::bench
