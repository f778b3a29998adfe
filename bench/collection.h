// One timed collection: the thing every pause benchmark measures.
#pragma once

#include <Python.h>

#include <string>

#include "bench/graph_spec.h"

namespace gcfuzz::bench {

struct Collection {
  double seconds = 0;      // wall time of the call: the pause
  double cpu_seconds = 0;  // the thread's CPU time over the same call
  Py_ssize_t collected = 0;  // gc.collect()'s result: unreachable objects found
  // The thread was off the CPU for part of the call (another process's time slice, the
  // hypervisor's steal): the reading then holds more than the collector's work
  // (measurement_policy.h says how much is tolerated).
  bool preempted = false;
};

// gc.collect(generation), with only the call inside the clock readings. gc.collect rather
// than PyGC_Collect: the latter does nothing while automatic collection is disabled
// (3.8 to 3.12), and the suite keeps it disabled. False (with *error) if it raised.
bool TimedCollect(int generation, Collection* out, std::string* error);

// An untimed full collection, to leave no garbage behind for the next measurement.
void CollectFully();

}  // namespace gcfuzz::bench
