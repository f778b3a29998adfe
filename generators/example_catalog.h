// A stand-in fixture catalog for the generators' own tests and decoder_fuzzer: it covers
// every capability combination the generators branch on. It is not the real catalog
// (fixtures/ provides that to the executor) and nothing outside generators/ should use it.
#pragma once

#include "generators/kind_catalog.h"

namespace gcfuzz::gen {

inline KindCatalog ExampleCatalog() {
  KindCatalog catalog;
  catalog.kinds = {
      // name, slots, weakrefable, subclassable, has_dict, constructor_args, calls_argument,
      // methods
      {"Slotted", 4, true, true, false, 0, false, {0, 1}},
      {"Opaque", 0, false, false, false, 0, false, {}},
      {"Dicted", 0, true, true, true, 0, false, {2}},
      {"Pair", 2, false, true, false, 2, true, {}},
  };
  catalog.method_names = {"keep", "use", "fail"};
  return catalog;
}

}  // namespace gcfuzz::gen
