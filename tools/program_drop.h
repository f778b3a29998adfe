// A program with parts taken out: the step `./gcfuzz minimize` repeats (through
// `gcfuzz_program drop`), keeping each smaller program that still fails the same way.
#pragma once

#include <set>
#include <utility>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::tools {

struct DropSet {
  std::set<int> ops;                      // operation indices
  std::set<int> nodes;                    // node ids
  std::set<std::pair<int, int>> actions;  // (operation index of a create, hook action index)
};

// The program without those operations, nodes and hook actions, repaired (so valid). A
// dropped node takes with it its creation, every operation naming it, and the arguments
// and hook actions naming it.
gen::Program Drop(const gen::Program& program, const DropSet& dropped,
                  const gen::KindCatalog& catalog, const gen::Limits& limits);

}  // namespace gcfuzz::tools
