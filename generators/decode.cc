#include "generators/decode.h"

#include <algorithm>

#include "generators/choice_source.h"
#include "generators/op_builder.h"

namespace gcfuzz::gen {

Program Decode(const uint8_t* data, size_t size, const KindCatalog& catalog,
               const Limits& limits) {
  Program program;
  // Every operation takes at least one byte.
  program.ops.reserve(std::min<size_t>(size, static_cast<size_t>(std::max(limits.max_ops, 0))));
  BytesChoiceSource source(data, size);
  OpBuilder builder(catalog, limits);
  // Each Generate() consumes at least one byte, so this ends within `size` steps.
  while (!source.Exhausted() && static_cast<int>(program.ops.size()) < limits.max_ops) {
    program.ops.push_back(builder.Generate(source));
  }
  return program;
}

}  // namespace gcfuzz::gen
