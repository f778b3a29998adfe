// The byte-level entry points behind a target's LLVMFuzzerCustomMutator and
// LLVMFuzzerCustomCrossOver. Plain functions, so they are unit-tested without libFuzzer:
//
//   extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
//                                             unsigned int seed) {
//     return gcfuzz::gen::MutateFuzzInput(data, size, max_size, seed, Catalog(), {},
//                                         LLVMFuzzerMutate);
//   }
//
// The input is read as fuzz_input.h says, mutated as a program (mutate.h), and written back
// serialized; the result always reads back (ProgramFromFuzzInput) as a valid program.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::gen {

// LLVMFuzzerMutate's contract: mutate data[0, size) in place, at most max_size bytes,
// return the new size.
using ByteMutator = std::function<size_t(uint8_t* data, size_t size, size_t max_size)>;

// One in this many calls hands the bytes to the byte mutator instead: libFuzzer's own
// mutations (dictionary tokens, comparison operands) still reach the fields, at the price
// of sometimes turning a serialized input into one that is decoded from scratch.
inline constexpr uint32_t kByteMutationOneIn = 8;

// Mutates data[0, size) in place within max_size and returns the new size. Deterministic
// given seed (and the byte mutator's own determinism). An empty byte_mutator is never
// called. If even an empty program does not fit max_size, the input is left as it is.
size_t MutateFuzzInput(uint8_t* data, size_t size, size_t max_size, unsigned int seed,
                       const KindCatalog& catalog, const Limits& limits,
                       const ByteMutator& byte_mutator);

// The program data[0, size) reads as, if MutateFuzzInput or CrossOverFuzzInputs recently
// wrote or read exactly those bytes (libFuzzer runs what the mutator wrote next), else
// nullptr (recent_programs.h). Equal bytes read back as this very program (fuzz_input.h),
// so a target may use it instead of parsing; valid until the next mutation.
const Program* RecentProgram(const uint8_t* data, size_t size);

// Writes the crossover of two inputs to out[0, max_out_size) and returns its size (0 when
// nothing fits).
size_t CrossOverFuzzInputs(const uint8_t* data1, size_t size1, const uint8_t* data2, size_t size2,
                           uint8_t* out, size_t max_out_size, unsigned int seed,
                           const KindCatalog& catalog, const Limits& limits);

}  // namespace gcfuzz::gen
