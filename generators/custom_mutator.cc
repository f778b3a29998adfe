#include "generators/custom_mutator.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "generators/crossover.h"
#include "generators/fuzz_input.h"
#include "generators/mutate.h"
#include "generators/repair.h"
#include "generators/serialize.h"

namespace gcfuzz::gen {

namespace {

// The serialized program, shortened from the end until it fits; nullopt when even the
// empty program does not.
// The last program written into libFuzzer's buffer, which libFuzzer runs next: the run
// takes it from here instead of parsing the bytes it was just serialized to.
struct Written {
  std::vector<uint8_t> bytes;
  Program program;
};
Written g_last_written;

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
  g_last_written.bytes = bytes;
  g_last_written.program = std::move(program);
  return bytes;
}

}  // namespace

const Program* LastWrittenProgram(const uint8_t* data, size_t size) {
  const std::vector<uint8_t>& bytes = g_last_written.bytes;
  if (bytes.size() != size || size == 0 || std::memcmp(bytes.data(), data, size) != 0) {
    return nullptr;
  }
  return &g_last_written.program;
}

size_t MutateFuzzInput(uint8_t* data, size_t size, size_t max_size, unsigned int seed,
                       const KindCatalog& catalog, const Limits& limits,
                       const ByteMutator& byte_mutator) {
  Rng rng(seed);
  if (byte_mutator && rng.OneIn(kByteMutationOneIn)) return byte_mutator(data, size, max_size);
  Program program = ProgramFromFuzzInput(data, size, catalog, limits).program;
  ShortenInheritedDeepChains(program, rng);
  const Program mutated = Mutate(program, rng, catalog, limits);
  const std::optional<std::vector<uint8_t>> bytes = SerializeWithin(mutated, max_size, catalog, limits);
  if (!bytes) return std::min(size, max_size);
  std::memcpy(data, bytes->data(), bytes->size());
  return bytes->size();
}

size_t CrossOverFuzzInputs(const uint8_t* data1, size_t size1, const uint8_t* data2, size_t size2,
                           uint8_t* out, size_t max_out_size, unsigned int seed,
                           const KindCatalog& catalog, const Limits& limits) {
  Rng rng(seed);
  Program first = ProgramFromFuzzInput(data1, size1, catalog, limits).program;
  Program second = ProgramFromFuzzInput(data2, size2, catalog, limits).program;
  ShortenInheritedDeepChains(first, rng);
  ShortenInheritedDeepChains(second, rng);
  const Program child = CrossOver(first, second, rng, catalog, limits);
  const std::optional<std::vector<uint8_t>> bytes = SerializeWithin(child, max_out_size, catalog, limits);
  if (!bytes) return 0;
  std::memcpy(out, bytes->data(), bytes->size());
  return bytes->size();
}

}  // namespace gcfuzz::gen
