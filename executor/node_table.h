// The nodes of one program run: the program's root references, and a way to reach a node
// after its root is gone (a weakref tracker, where the node supports weakrefs).
//
// Operations name nodes by id; an operation on a node that failed to be created, or that
// is no longer reachable, is a no-op (generators/ops.h): Resolve() returns nullptr then.
#pragma once

#include <Python.h>

#include <memory>
#include <vector>

#include "generators/node_kind.h"

namespace gcfuzz::exec {

struct DecRef {
  void operator()(PyObject* object) const { Py_DECREF(object); }
};
// A strong reference held for the length of one operation: any allocation may run the
// collector (thresholds down to 1), which must not free a node an operation is using.
using NodeRef = std::unique_ptr<PyObject, DecRef>;

inline NodeRef Hold(PyObject* borrowed) {
  if (borrowed != nullptr) Py_INCREF(borrowed);
  return NodeRef(borrowed);
}

class NodeTable {
 public:
  NodeTable() = default;
  NodeTable(const NodeTable&) = delete;
  NodeTable& operator=(const NodeTable&) = delete;
  ~NodeTable() { Clear(); }

  // Takes the new reference `object` (may be nullptr: creation failed) as node `id`, which
  // must be the next id.
  void Add(PyObject* object);

  // A strong reference to the node, or nullptr when it is gone. Needs the GIL.
  NodeRef Get(gen::NodeId id) const { return Hold(Resolve(id)); }

  // Borrowed: only for a caller that holds the node by other means.
  PyObject* Resolve(gen::NodeId id) const;

  // How many nodes Resolve() finds now: a node that was found before and is not any more
  // was freed (or lost its root while nothing else could find it).
  int ReachableCount() const;

  // The id of a live node object, or -1 (finalizers find their own node this way).
  int IdOf(PyObject* object) const;

  void DropRoot(gen::NodeId id);
  void DropAllRoots();
  // Forgets everything (roots and trackers). Needs the GIL.
  void Clear();

  int size() const { return static_cast<int>(roots_.size()); }

 private:
  std::vector<PyObject*> roots_;     // strong, nullptr once dropped
  std::vector<PyObject*> trackers_;  // weakref.ref(node) or nullptr
  std::vector<PyObject*> identity_;  // the node's address, never dereferenced
};

}  // namespace gcfuzz::exec
