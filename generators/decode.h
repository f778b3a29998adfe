// Bytes -> Program: the decoder every raw fuzzer input goes through (input.h says when).
//
// Total and deterministic: every byte string, the empty one included, decodes to a valid
// program (validate.h) within the limits, and the same bytes always give the same program.
// Structural choices (which operation, node, kind) come from the end of the buffer and
// payload values (slot numbers, keys, thresholds) from the front, as FuzzedDataProvider
// does, so byte-level mutations of either end change one aspect of the program at a time.
// Decoding stops when the bytes or the operation budget run out.
#pragma once

#include <cstddef>
#include <cstdint>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::gen {

Program Decode(const uint8_t* data, size_t size, const KindCatalog& catalog,
               const Limits& limits = {});

}  // namespace gcfuzz::gen
