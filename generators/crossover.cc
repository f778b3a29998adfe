#include "generators/crossover.h"

#include <vector>

#include "generators/repair.h"

namespace gcfuzz::gen {

Program CrossOver(const Program& first, const Program& second, Rng& rng,
                  const KindCatalog& catalog, const Limits& limits) {
  const std::vector<EditedOp> host = ToEdited(first);
  // The second program's nodes become tokens after the first's, so the two never collide.
  const std::vector<EditedOp> donor = ToEdited(second, CountNodes(first));
  const size_t insert_at = rng.Below(host.size() + 1);
  const size_t begin = rng.Below(donor.size() + 1);
  const size_t end = begin + rng.Below(donor.size() - begin + 1);

  std::vector<EditedOp> spliced(host.begin(), host.begin() + insert_at);
  spliced.insert(spliced.end(), donor.begin() + begin, donor.begin() + end);
  spliced.insert(spliced.end(), host.begin() + insert_at, host.end());
  return Repair(spliced, catalog, limits);
}

}  // namespace gcfuzz::gen
