// The bounds every generated program stays within. The decoder, the parser, the mutator and
// validate() all take the same Limits, so "valid" always means "valid under these limits".
#pragma once

namespace gcfuzz::gen {

// Node ids are one byte, in memory and on disk.
inline constexpr int kNodeIdCapacity = 256;

struct Limits {
  // Small graphs are the point: every defect in docs/defects.md has an exposing graph of
  // fewer than ten objects, and a small program runs thousands of times a second.
  int max_nodes = 16;  // at most kNodeIdCapacity
  int max_ops = 32;
  // Constructor arguments of one node: tuple items, initial container items, the receiver
  // of a bound method, the referent of a weakref.
  int max_args = 4;
  // Actions of one __del__ or weakref callback.
  int max_hook_actions = 4;
  // Slot numbers, attribute names (a0, a1, ...) and item keys are below this; at least 1.
  int max_edge_index = 8;
  // gc.set_threshold values are in [1, max_threshold]; 1 makes collections fire inside
  // almost every allocation (tracked-before-init).
  int max_threshold = 1000;
  // Thread and interpreter indices are below these. 1 means "main only": the IR carries the
  // fields already so that adding threads and subinterpreters changes no format.
  int max_threads = 1;
  int max_interpreters = 1;
  // Lifecycle operations (restarts, subinterpreters): lifecycle_fuzzer's programs only, so
  // graph_fuzzer's decoding, corpus and behaviour stay what they were.
  bool lifecycle_ops = false;

  bool operator==(const Limits&) const = default;
};

}  // namespace gcfuzz::gen
