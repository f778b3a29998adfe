// Python objects the executor makes once per process and reuses for every input: the
// closure factory, the function bound methods wrap, the exception hooks raise on purpose,
// the __del__ subclasses of the fixture kinds, and the entry points of hooks.
#pragma once

#include <Python.h>

#include <vector>

#include "executor/fixture_adapter.h"

namespace gcfuzz::exec {

class PythonSupport {
 public:
  explicit PythonSupport(const FixtureAdapter& fixtures);
  // Releases its references (needs the GIL, in the interpreter that made it); hooks.h then
  // knows no program_raised() until another PythonSupport is made or activated.
  ~PythonSupport();
  PythonSupport(const PythonSupport&) = delete;
  PythonSupport& operator=(const PythonSupport&) = delete;

  // Makes this support the one hooks report to (hooks.h): for an executor that switches
  // between interpreters, each with its own support.
  void Activate() const;

  // New references, or nullptr with the error cleared when the node cannot be made.
  PyObject* NewClosure(PyObject* initial_or_null) const;
  PyObject* NewBoundMethod(PyObject* receiver) const;
  // Borrowed: the __del__-carrying subclass of fixture kind `kind`, or the subclass
  // without __del__ when has_del is false; nullptr when the kind cannot be subclassed.
  // Instances are made by FixtureAdapter::Construct, as the kind's are.
  PyObject* Subclass(int kind, bool has_del) const;
  // New reference: such a class made for one instance (CreateNode::own_class), so it lives
  // as long as its instances and its attributes can hold references; nullptr with the
  // error cleared when it cannot be made.
  static PyObject* NewOwnClass(PyObject* base, bool has_del);
  // With a callback when node_with_callback_or_minus_one >= 0: the hooks of that node of
  // the run whose serial is `run_serial` (hooks.h).
  PyObject* NewWeakref(PyObject* referent, long long run_serial,
                       int node_with_callback_or_minus_one) const;

  // The closure cell of a function made by NewClosure, or nullptr (borrowed).
  static PyObject* CellOf(PyObject* closure);

  // The exception a hook's `raise` action raises; the unraisable hook ignores it.
  PyObject* program_raised() const { return program_raised_; }

  // The collector, as a program drives it.
  void Collect(int generation) const;
  // These two keep an error that is pending when they are called pending afterwards.
  void SetGcEnabled(bool enabled) const;
  bool GcEnabled() const;
  void SetThresholds(int young, int middle, int old) const;
  // Back to the state of start-up (enabled, the interpreter's own thresholds): what one
  // input changed must not reach the next.
  void RestoreGcState() const;

 private:
  PyObject* gc_ = nullptr;
  int thresholds_[3] = {0, 0, 0};
  PyObject* closure_factory_ = nullptr;
  PyObject* method_function_ = nullptr;
  PyObject* program_raised_ = nullptr;
  std::vector<PyObject*> subclasses_with_del_;     // per fixture kind; nullptr if impossible
  std::vector<PyObject*> subclasses_without_del_;  // idem
};

}  // namespace gcfuzz::exec
