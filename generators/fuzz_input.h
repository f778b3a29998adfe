// What a libFuzzer input means.
//
// Decision: an input that starts with the serialized magic ("GCFZ") and parses is that
// program; any other input (including one with the magic that does not parse) is raw bytes
// for the decoder. So:
//   - every byte string is a valid program (the decoder is total), and libFuzzer's own
//     byte mutations and seedless start work unchanged;
//   - the custom mutator (custom_mutator.h) writes the serialized form back, so inputs it
//     touched carry their structure and its structural edits survive exactly;
//   - corpus files, crash artifacts and hand-written regression seeds can be either, and
//     `gcfuzz print` shows both the same way.
#pragma once

#include <cstddef>
#include <cstdint>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::gen {

enum class InputForm { kSerialized, kDecoded };

struct FuzzInputProgram {
  Program program;
  InputForm form = InputForm::kDecoded;
};

// Total and deterministic; the program is valid under `limits`.
FuzzInputProgram ProgramFromFuzzInput(const uint8_t* data, size_t size, const KindCatalog& catalog,
                                      const Limits& limits = {});

}  // namespace gcfuzz::gen
