#include "generators/custom_mutator.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "generators/crossover.h"
#include "generators/fuzz_input.h"
#include "generators/mutate.h"
#include "generators/recent_programs.h"
#include "generators/repair.h"
#include "generators/serialize.h"

namespace gcfuzz::gen {

namespace {

// What the mutator read and wrote lately (libFuzzer works on one input at a time).
RecentPrograms g_recent;

// The serialized program, shortened from the end until it fits; nullopt when even the
// empty program does not. What it returns is remembered: libFuzzer runs it next, and
// mutates it again.
std::optional<std::vector<uint8_t>> SerializeWithin(Program program, size_t max_size,
                                                    const KindCatalog& catalog, const Limits& limits) {
  std::vector<uint8_t> bytes = Serialize(program, catalog);
  while (bytes.size() > max_size && !program.ops.empty()) {
    program.ops.pop_back();
    // A dropped create can leave hook actions naming it.
    program = Repair(ToEdited(program), catalog, limits);
    bytes = Serialize(program, catalog);
  }
  if (bytes.size() > max_size) return std::nullopt;
  g_recent.Remember(bytes, std::move(program), catalog, limits);
  return bytes;
}

// The parent as the mutation sees it (ShortenInheritedDeepChains), copied only when that
// changes it.
std::shared_ptr<const Program> Inherited(std::shared_ptr<const Program> parent, Rng& rng) {
  if (!HasDeepestChain(*parent)) return parent;
  auto shortened = std::make_shared<Program>(*parent);
  ShortenInheritedDeepChains(*shortened, rng);
  return shortened;
}

}  // namespace

const Program* RecentProgram(const uint8_t* data, size_t size) { return g_recent.Find(data, size); }

size_t MutateFuzzInput(uint8_t* data, size_t size, size_t max_size, unsigned int seed,
                       const KindCatalog& catalog, const Limits& limits,
                       const ByteMutator& byte_mutator) {
  Rng rng(seed);
  if (byte_mutator && rng.OneIn(kByteMutationOneIn)) return byte_mutator(data, size, max_size);
  const Program mutated = Mutate(*Inherited(g_recent.Read(data, size, catalog, limits), rng), rng,
                                 catalog, limits);
  const std::optional<std::vector<uint8_t>> bytes = SerializeWithin(mutated, max_size, catalog, limits);
  if (!bytes) return std::min(size, max_size);
  std::memcpy(data, bytes->data(), bytes->size());
  return bytes->size();
}

size_t CrossOverFuzzInputs(const uint8_t* data1, size_t size1, const uint8_t* data2, size_t size2,
                           uint8_t* out, size_t max_out_size, unsigned int seed,
                           const KindCatalog& catalog, const Limits& limits) {
  Rng rng(seed);
  const std::shared_ptr<const Program> first = Inherited(g_recent.Read(data1, size1, catalog, limits), rng);
  const std::shared_ptr<const Program> second = Inherited(g_recent.Read(data2, size2, catalog, limits), rng);
  const Program child = CrossOver(*first, *second, rng, catalog, limits);
  const std::optional<std::vector<uint8_t>> bytes = SerializeWithin(child, max_out_size, catalog, limits);
  if (!bytes) return 0;
  std::memcpy(out, bytes->data(), bytes->size());
  return bytes->size();
}

}  // namespace gcfuzz::gen
