// One benchmark graph, built by graphs.py in the embedded interpreter.
#pragma once

#include <Python.h>

#include <string>

#include "bench/graph_spec.h"

namespace gcfuzz::bench {

// Owns the only outside references to a graph. Move-only.
class Graph {
 public:
  Graph() = default;
  Graph(Graph&& other) noexcept { *this = std::move(other); }
  Graph& operator=(Graph&& other) noexcept;
  ~Graph() { Release(); }

  // Builds spec's graph; false (with *error set) when graphs.py raised.
  bool Build(const GraphSpec& spec, std::string* error);
  // Drops the holder: the graph becomes cyclic garbage, the keepalive (weakrefs) stays.
  void DropHolder();
  // Drops everything. Does not collect.
  void Release();

  bool empty() const { return holder_ == nullptr && keepalive_ == nullptr; }
  long objects() const { return objects_; }
  long edges() const { return edges_; }

 private:
  PyObject* holder_ = nullptr;
  PyObject* keepalive_ = nullptr;
  long objects_ = 0;
  long edges_ = 0;
};

}  // namespace gcfuzz::bench
