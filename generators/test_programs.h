// Inputs for the generators' tests: random byte strings and the programs they decode to.
#pragma once

#include <cstdint>
#include <vector>

#include "generators/decode.h"
#include "generators/example_catalog.h"
#include "generators/rng.h"

namespace gcfuzz::gen {

inline std::vector<uint8_t> RandomBytes(Rng& rng, size_t max_length) {
  std::vector<uint8_t> bytes(rng.Below(max_length + 1));
  for (uint8_t& byte : bytes) byte = static_cast<uint8_t>(rng.Next());
  return bytes;
}

// `count` programs decoded from random bytes, the same ones on every run.
inline std::vector<Program> DecodedPrograms(int count, const Limits& limits = {}, uint64_t seed = 7) {
  Rng rng(seed);
  const KindCatalog catalog = ExampleCatalog();
  std::vector<Program> programs;
  for (int i = 0; i < count; ++i) {
    const std::vector<uint8_t> bytes = RandomBytes(rng, 400);
    programs.push_back(Decode(bytes.data(), bytes.size(), catalog, limits));
  }
  return programs;
}

// A small hand-written program touching most operations; its golden bytes and text are in
// serialize_test.cc and forms/text_form_test.cc.
//   n0 = Slotted()
//   n1 = subclass(Dicted, __del__=[touch n0; resurrect n1])
//   n2 = weakref(n1, callback=[collect(gen=1)])
//   n0.slot[1] = n1
//   n0.keep(n2)
//   gc.set_threshold(1, 10, 300)
//   gc.collect(2)
inline Program SampleProgram() {
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixture, 0}, {}, false, {}}});
  program.ops.push_back({CreateNode{{NodeBase::kFixtureSubclass, 2},
                                    {},
                                    true,
                                    {{ActionKind::kTouch, 0, 0}, {ActionKind::kResurrect, 1, 0}}}});
  program.ops.push_back({CreateNode{{NodeBase::kWeakref, 0}, {1}, true, {{ActionKind::kCollect, 0, 1}}}});
  program.ops.push_back({AddEdge{0, 1, EdgeVia::kSlot, 1}});
  program.ops.push_back({CallMethod{0, 0, true, 2}});
  program.ops.push_back({SetThresholds{1, 10, 300}});
  program.ops.push_back({Collect{2}});
  return program;
}

}  // namespace gcfuzz::gen
