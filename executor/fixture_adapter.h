// The one place the executor knows how the fixture module is used: which types exist, how
// a slot is set, cleared and a payload touched. Everything goes through the module's
// public Python API, exactly what a reproducer script does, so a finding replays the same
// way in a plain interpreter.
//
// Two shapes of module are read. The catalog's (fixtures/): each type of KINDS carries
// SLOTS (and optionally ARGS, CALLS) and its instances have set_slot, clear_slot and
// touch methods. A module mode shim's (embedding/module_shim.py), for types that carry
// nothing of gcfuzz's: the same facts as module-level tuples parallel to KINDS
// (KIND_NAMES, KIND_SLOTS, KIND_ARGS, KIND_SUBCLASSABLE; METHOD_ARGUMENTS parallel to
// METHODS) and set_slot(obj, i, value), clear_slot(obj, i), touch(obj) and
// make(cls, kind, args) as module-level functions.
#pragma once

#include <Python.h>

#include <string>
#include <vector>

#include "generators/kind_catalog.h"

namespace gcfuzz::exec {

class FixtureAdapter {
 public:
  // Reads the catalog from the imported module; throws report::SetupError when the module
  // does not have the shape the executor needs.
  explicit FixtureAdapter(PyObject* module);
  // Releases its references: needs the GIL, in the interpreter that made the adapter (the
  // lifecycle executor makes one per interpreter and ends it before the interpreter).
  ~FixtureAdapter();
  FixtureAdapter(const FixtureAdapter&) = delete;
  FixtureAdapter& operator=(const FixtureAdapter&) = delete;

  const gen::KindCatalog& catalog() const { return catalog_; }
  // Borrowed, interned: the name of catalog method `index` (< catalog().method_count()).
  PyObject* MethodName(int index) const { return method_names_[index]; }

  // Borrowed; the type of fixture kind `index` (< catalog().kind_count()).
  PyObject* Type(int index) const { return types_[index]; }

  // New reference: an instance of `cls` (the type of kind `kind`, or a Python subclass of
  // it) made from the node arguments `args` (a tuple, or nullptr for none), as the module
  // makes it; nullptr with the error pending when that fails.
  PyObject* Construct(PyObject* cls, int kind, PyObject* args) const;

  // Each returns false, with the Python error cleared, when it does not apply.
  bool SetSlot(PyObject* fixture, int index, PyObject* value) const;
  bool ClearSlot(PyObject* fixture, int index) const;
  bool Touch(PyObject* fixture) const;
  bool IsFixture(PyObject* object) const;
  // The module's fail_allocation(n) (fixtures/injected_failure.h): the n-th fixture
  // allocation from now fails; 0 disarms. False when the module has no such function (its
  // programs then inject nothing). Must not be called with an error pending.
  bool FailAllocation(int nth) const;

  // The module's own list of objects its finalizers resurrected (borrowed), or nullptr
  // when the module keeps none. The final step touches and then empties it.
  PyObject* resurrected() const { return resurrected_; }

 private:
  void ReadModuleFunctions(PyObject* module);

  gen::KindCatalog catalog_;
  std::vector<PyObject*> types_;  // strong
  std::vector<PyObject*> method_names_;  // strong, interned
  PyObject* resurrected_ = nullptr;  // strong
  PyObject* fail_allocation_ = nullptr;  // strong; the module's function, when it has one
  // Interned once: calls by C string would make and hash a new str on every call.
  PyObject* set_slot_ = nullptr;
  PyObject* clear_slot_ = nullptr;
  PyObject* touch_ = nullptr;
  // The shim's module-level functions (strong), all set or all null: the second shape.
  PyObject* module_set_slot_ = nullptr;
  PyObject* module_clear_slot_ = nullptr;
  PyObject* module_touch_ = nullptr;
  PyObject* module_make_ = nullptr;
};

}  // namespace gcfuzz::exec
