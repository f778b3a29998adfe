#include "executor/node_table.h"

namespace gcfuzz::exec {

void NodeTable::Add(PyObject* object) {
  PyObject* tracker = nullptr;
  if (object != nullptr && PyType_SUPPORTS_WEAKREFS(Py_TYPE(object))) {
    tracker = PyWeakref_NewRef(object, nullptr);
    if (tracker == nullptr) PyErr_Clear();
  }
  roots_.push_back(object);
  trackers_.push_back(tracker);
  identity_.push_back(object);
}

PyObject* NodeTable::Resolve(gen::NodeId id) const {
  if (id >= roots_.size()) return nullptr;
  if (roots_[id] != nullptr) return roots_[id];
  if (trackers_[id] == nullptr) return nullptr;
  PyObject* referent = PyWeakref_GetObject(trackers_[id]);
  return referent == Py_None ? nullptr : referent;
}

int NodeTable::ReachableCount() const {
  int count = 0;
  for (size_t id = 0; id < roots_.size(); ++id) count += Resolve(static_cast<gen::NodeId>(id)) != nullptr;
  return count;
}

int NodeTable::IdOf(PyObject* object) const {
  // Newest first: two live objects never share an address, so if a dead node's memory was
  // reused, the newer node is the live one. Not through the tracker: the collector clears
  // weakrefs before it runs the finalizers of a cycle, which is when this is asked.
  for (size_t id = identity_.size(); id-- > 0;) {
    if (identity_[id] == object) return static_cast<int>(id);
  }
  return -1;
}

void NodeTable::DropRoot(gen::NodeId id) {
  if (id < roots_.size()) Py_CLEAR(roots_[id]);
}

void NodeTable::DropAllRoots() {
  // Dropped one at a time, in creation order, through a local so that a finalizer that
  // runs during a drop sees a consistent table.
  for (size_t id = 0; id < roots_.size(); ++id) Py_CLEAR(roots_[id]);
}

void NodeTable::Clear() {
  DropAllRoots();
  for (PyObject*& tracker : trackers_) Py_CLEAR(tracker);
  roots_.clear();
  trackers_.clear();
  identity_.clear();
}

}  // namespace gcfuzz::exec
