// One run of one program: the operations in order, then the final step (program.h).
//
// Operations that do not apply to their node (a slot on a list, a weakref to a tuple, a
// node that is gone) are no-ops: the Python error they raise is cleared. What is never
// cleared is a SystemError (the C API misused: a fixture returned NULL without an error,
// or a result with one set): that becomes an unexpected-exception finding.
#pragma once

#include <Python.h>

#include <optional>
#include <string>
#include <vector>

#include "executor/fixture_adapter.h"
#include "executor/hook_context.h"
#include "executor/node_table.h"
#include "executor/python_support.h"
#include "generators/program.h"
#include "report/finding.h"

namespace gcfuzz::exec {

// Lets go of the attribute names runs share (interned strings): before the runtime that
// made them is finalized, which frees interned strings even when references remain (3.12+).
void ForgetAttributeNames();

class ProgramRun {
 public:
  ProgramRun(const gen::Program& program, const FixtureAdapter& fixtures,
             const PythonSupport& support);
  ~ProgramRun();
  ProgramRun(const ProgramRun&) = delete;
  ProgramRun& operator=(const ProgramRun&) = delete;

  // Runs every operation and the final step; returns the first finding of the executor's
  // own oracles (the sanitizers and the fixtures' oracles report by themselves).
  std::optional<report::Finding> Run();

  // The same run in pieces, for runs interleaved with other interpreters' runs
  // (executor/lifecycle_run.h): Step() each operation (skipped after a finding), then
  // either Finish() (the final step, as Run() ends) or HandOver().
  void Step(const gen::Op& op);
  // The caller notes each operation for reports (operation_context.h) before Step(): the
  // lifecycle executor, whose reports name the input's operation, not the session's.
  void LeaveOperationNotesToCaller() { caller_notes_operations_ = true; }
  std::optional<report::Finding> Finish();
  // Ends the run without the final step, because its interpreter ends: every object the
  // run still holds (live nodes, kept-alive, resurrected, stashed, method results) is
  // appended to `holder` (a list) and the run lets go of it.
  std::optional<report::Finding> HandOver(PyObject* holder);

  // Free-running (stress_fuzzer): between operations, let go of the GIL and give the
  // processor away, so another thread's program runs in between. The fixtures and the
  // executor are C code that never reaches the interpreter's eval-breaker on its own, so
  // without this a program would run whole between two switches.
  void YieldGilBetweenOperations() { yield_between_operations_ = true; }
  // Operations ignore Op::fail_allocation: programs running at the same time share the
  // fixtures' one countdown (fixtures/injected_failure.h), so one program's failure would
  // be spent, or disarmed, by another's allocations (stress_fuzzer).
  void WithoutInjectedFailures() { inject_failures_ = false; }

  // Unique for the life of the process (hooks.h tells runs apart by it).
  long long serial() const { return serial_; }

  // Hook entry points (hooks.cc): `self` is the finalized object or the weakref.
  void RunHook(int node, PyObject* self);
  // __del__ of a subclass node: the node is found by the object's address.
  void RunFinalizerHook(PyObject* self) { RunHook(nodes_.IdOf(self), self); }
  void RecordUnexpected(std::string text);

 private:
  void Execute(const gen::Op& op);
  void Create(const gen::CreateNode& create);
  static PyObject* NewArgumentTuple(const std::vector<PyObject*>& args);
  PyObject* NewChain(int kind, int length);
  void AddEdge(const gen::AddEdge& edge);
  void RemoveEdge(const gen::RemoveEdge& edge);
  void Touch(PyObject* object);
  void CallMethod(const gen::CallMethod& call);
  void Collect(int generation);
  void RunAction(const gen::Action& action, int owner, PyObject* self);
  void FinalStep();
  // Clears an error that means "does not apply"; keeps SystemError as a finding.
  void AbsorbError();

  const gen::Program& program_;
  const FixtureAdapter& fixtures_;
  bool caller_notes_operations_ = false;
  const PythonSupport& support_;
  const long long serial_;
  NodeTable nodes_;
  // Hook actions by node id (empty for nodes without hooks).
  std::vector<const std::vector<gen::Action>*> hooks_;
  bool has_hooks_ = false;  // some entry of hooks_ is not null
  // By node: the node was made with a class of its own (CreateNode::own_class).
  std::vector<bool> own_class_;
  PyObject* kept_alive_ = nullptr;   // list: KeepAlive targets
  PyObject* resurrected_ = nullptr;  // list: what hooks resurrected
  PyObject* stash_ = nullptr;        // list: weakrefs hooks stashed
  PyObject* method_results_ = nullptr;  // list: new objects methods returned
  std::optional<report::Finding> finding_;
  int hook_depth_ = 0;
  // What the hooks that fire now interrupt (the operation in progress, or the final step).
  HookContext hook_context_ = HookContext::FinalStep();
  // Nodes reachable when that began: a hook counts how many the operation freed before it.
  int reachable_at_operation_start_ = 0;
  bool yield_between_operations_ = false;
  bool inject_failures_ = true;
};

}  // namespace gcfuzz::exec
