// The benchmark's own C extension type: `_gcfuzz_bench.Node`, a GC container with
// kNodeSlots object slots (attributes s0..s3) and an exact tp_traverse / tp_clear.
//
// Why a local type rather than the fixture catalog: the pause suite must measure what a
// collection costs for an ordinary, correct extension type, independently of the catalog's
// instrumented fixtures (which count visits and carry planted defects). It can switch to a
// catalog type once one offers a plain, uninstrumented container.
#pragma once

#include <Python.h>

namespace gcfuzz::bench {

inline constexpr int kNodeSlots = 4;

// Module init for host::BuiltinModule{"_gcfuzz_bench", InitBenchNodeModule}.
PyObject* InitBenchNodeModule();

}  // namespace gcfuzz::bench
