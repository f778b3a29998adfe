// Crossover of two programs: splice a run of the second program's operations into the
// first, so that motifs found separately (a cycle here, a resurrecting finalizer there) can
// meet in one program.
#pragma once

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"
#include "generators/rng.h"

namespace gcfuzz::gen {

// first[0, i) + second[j, k) + first[i, end), for i, j <= k drawn from rng. The spliced
// nodes are numbered after the first program's; references of the spliced run to second's
// nodes outside the run fall on nodes that exist there (repair.h). Both inputs valid, the
// result valid; deterministic given rng.
Program CrossOver(const Program& first, const Program& second, Rng& rng,
                  const KindCatalog& catalog, const Limits& limits);

}  // namespace gcfuzz::gen
