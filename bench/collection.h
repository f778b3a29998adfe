// One timed collection: the thing every pause benchmark measures.
#pragma once

#include <Python.h>

#include <string>

namespace gcfuzz::bench {

inline constexpr int kYoungGeneration = 0;
inline constexpr int kOldestGeneration = 2;

struct Collection {
  double seconds = 0;
  Py_ssize_t collected = 0;  // gc.collect()'s result: unreachable objects found
  // The kernel took the CPU away during the collection (an involuntary context switch):
  // the reading then holds another process's time slice, not only the collector's work.
  bool preempted = false;
};

// gc.collect(generation), with only the call inside the clock readings. gc.collect rather
// than PyGC_Collect: the latter does nothing while automatic collection is disabled
// (3.8 to 3.12), and the suite keeps it disabled. False (with *error) if it raised.
bool TimedCollect(int generation, Collection* out, std::string* error);

// An untimed full collection, to leave no garbage behind for the next measurement.
void CollectFully();

}  // namespace gcfuzz::bench
