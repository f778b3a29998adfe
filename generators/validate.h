// The structural invariant every program satisfies after decoding, parsing, mutating and
// crossing over: the operation and node budgets hold, every node an operation names exists
// at that point (a hook's action targets: anywhere in the program, since hooks run late),
// every field is in range, and unused fields are 0 (so equal programs compare equal).
#pragma once

#include <string>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::gen {

// The first violation, as "op 7: edge from n9, only 5 nodes exist", or "" when valid.
std::string ValidationError(const Program& program, const KindCatalog& catalog,
                            const Limits& limits);

inline bool IsValid(const Program& program, const KindCatalog& catalog, const Limits& limits) {
  return ValidationError(program, catalog, limits).empty();
}

}  // namespace gcfuzz::gen
