#include "generators/decode.h"

#include "generators/choice_source.h"
#include "generators/op_builder.h"

namespace gcfuzz::gen {

Program Decode(const uint8_t* data, size_t size, const KindCatalog& catalog,
               const Limits& limits) {
  Program program;
  BytesChoiceSource source(data, size);
  OpBuilder builder(catalog, limits);
  // Each Generate() consumes at least one byte, so this ends within `size` steps.
  while (!source.Exhausted() && static_cast<int>(program.ops.size()) < limits.max_ops) {
    program.ops.push_back(builder.Generate(source));
  }
  return program;
}

}  // namespace gcfuzz::gen
