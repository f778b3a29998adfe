// Fuzzes the generators themselves, with their own custom mutator in the loop. For every
// input: it reads as a valid program (decoded or parsed, fuzz_input.h), prints, serializes,
// parses back to an equal program and re-serializes to the same bytes; a mutation and a
// crossover of it are valid. A broken contract aborts with the program's text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "forms/text_form.h"
#include "generators/crossover.h"
#include "generators/custom_mutator.h"
#include "generators/example_catalog.h"
#include "generators/fuzz_input.h"
#include "generators/mutate.h"
#include "generators/serialize.h"
#include "generators/validate.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

using namespace gcfuzz::gen;

const KindCatalog& Catalog() {
  static const KindCatalog catalog = ExampleCatalog();
  return catalog;
}

void Require(bool holds, const char* contract, const Program& program) {
  if (holds) return;
  std::fprintf(stderr, "generators contract broken: %s\n%s", contract,
               ToText(program, Catalog()).c_str());
  std::abort();
}

// FNV-1a: a seed for this input's own mutation, so a crash replays from the input alone.
uint64_t SeedOf(const uint8_t* data, size_t size) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 0x100000001b3ULL;
  return hash;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Limits limits;
  const Program program = ProgramFromFuzzInput(data, size, Catalog(), limits).program;
  Require(IsValid(program, Catalog(), limits), ValidationError(program, Catalog(), limits).c_str(), program);
  Require(!ToText(program, Catalog()).empty(), "text form is empty", program);

  const std::vector<uint8_t> bytes = Serialize(program, Catalog());
  const ParseResult parsed = Parse(bytes.data(), bytes.size(), Catalog(), limits);
  Require(parsed.program.has_value(), parsed.error.c_str(), program);
  Require(*parsed.program == program, "parse(serialize(p)) != p", program);
  Require(Serialize(*parsed.program, Catalog()) == bytes, "serialization is not stable", program);

  Rng rng(SeedOf(data, size));
  const Program mutated = Mutate(program, rng, Catalog(), limits);
  Require(IsValid(mutated, Catalog(), limits), "mutation made an invalid program", mutated);
  const Program child = CrossOver(program, mutated, rng, Catalog(), limits);
  Require(IsValid(child, Catalog(), limits), "crossover made an invalid program", child);
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
  return MutateFuzzInput(data, size, max_size, seed, Catalog(), Limits{}, LLVMFuzzerMutate);
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, size_t size1, const uint8_t* data2,
                                            size_t size2, uint8_t* out, size_t max_out_size,
                                            unsigned int seed) {
  return CrossOverFuzzInputs(data1, size1, data2, size2, out, max_out_size, seed, Catalog(), Limits{});
}
