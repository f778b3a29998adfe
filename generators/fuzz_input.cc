#include "generators/fuzz_input.h"

#include <utility>

#include "generators/decode.h"
#include "generators/serialize.h"

namespace gcfuzz::gen {

FuzzInputProgram ProgramFromFuzzInput(const uint8_t* data, size_t size, const KindCatalog& catalog,
                                      const Limits& limits) {
  if (HasSerializedMagic(data, size)) {
    ParseResult parsed = Parse(data, size, catalog, limits);
    if (parsed.program) return {std::move(*parsed.program), InputForm::kSerialized};
  }
  return {Decode(data, size, catalog, limits), InputForm::kDecoded};
}

}  // namespace gcfuzz::gen
