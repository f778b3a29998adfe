// The human-readable form of a program, one operation per line, Python-flavoured:
//
//   n0 = Slotted()
//   n1 = subclass(Slotted, __del__=[touch n0; resurrect n1])
//   n2 = weakref(n1, callback=[touch n0; collect(gen=2)])
//   n0.slot[1] = n1
//   del n1
//   gc.collect(2) @thread1
//
// `@threadN` / `@interpN` appear only when not 0. It is what `gcfuzz print FILE` shows and
// what reports quote; it is for people and is not parsed back (serialize.h is the format).
#pragma once

#include <string>
#include <vector>

#include "generators/kind_catalog.h"
#include "generators/program.h"

namespace gcfuzz::gen {

// Lines end with '\n'; a header comment first, the implicit final step as the last line.
// Robust to invalid programs (prints what it can), so it can show what validate rejected.
std::string ToText(const Program& program, const KindCatalog& catalog);

// One operation, without a newline; `kinds` are the program's NodeKinds().
std::string OpToText(const Op& op, NodeId created_id, const std::vector<NodeKind>& kinds,
                     const KindCatalog& catalog);

}  // namespace gcfuzz::gen
