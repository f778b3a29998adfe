// The lifecycle executor: runs programs whose operations also restart the runtime and
// start and end subinterpreters (gen::Lifecycle), each graph operation in the interpreter
// it names (Op::interpreter: 0 the main one, 1.. subinterpreters).
//
//   LifecycleExecutor& executor = LifecycleExecutor::Start(options, interpreters, ...);  // once
//   executor.RunInput(program);  // per input, through the host's per-input protocol
//
// How a program maps onto interpreters is planned before it runs, without an interpreter
// (generators/session_plan.h: sessions, which node belongs to which, which operations are
// no-ops); this executes the plan:
// - Each session runs its operations as one ProgramRun over its own nodes, with that
//   interpreter's FixtureAdapter and PythonSupport (made when the interpreter starts,
//   released before it ends: their references die with it).
// - When an interpreter ends (a restart ends the main one and every subinterpreter), what
//   its run still holds (roots, kept-alive, resurrected, stashed) is not dropped first: it
//   goes into the thread state's dict (PyThreadState_GetDict, where threading.local and C
//   extensions keep per-thread objects), the last thing finalization clears, after the
//   modules. That is how objects outlive their module in embedding applications, and what
//   module-state-in-dealloc and static-type-caches-object need; the program's own drops
//   before the event decide what is left.
// - Every input ends in the main interpreter: the subinterpreters still running are ended
//   (as above), then the main session's final step and the host's after-input checks run.
//   Fixtures that a finalization never freed (uncollectable garbage at shutdown, which
//   CPython leaves behind by design) are counted and no longer take part in the leak check
//   (fixtures/registry.h AbandonLive).
#pragma once

#include <Python.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "executor/executor.h"
#include "executor/fixture_adapter.h"
#include "executor/python_support.h"
#include "generators/kind_catalog.h"
#include "generators/program.h"
#include "host/lifecycle.h"

namespace gcfuzz::exec {

// What the lifecycle events cost, for the fuzzer's summary.
struct LifecycleStats {
  int64_t inputs = 0;
  int64_t restarts = 0;
  int64_t subinterpreters = 0;  // ended
  // Bytes allocated right after each re-initialization minus the same figure after the
  // previous one: what each finalize/initialize cycle left allocated (the first restart
  // compares with the first start-up). Sum and count, for the mean.
  int64_t restart_retained_sum = 0;
  int64_t restart_retained_count = 0;
  std::vector<int64_t> restart_retained;  // each restart's, for the median
  // Bytes allocated after a subinterpreter ended minus before it started; operations of
  // the main interpreter run in between can add to it, so the median is reported too.
  std::vector<int64_t> subinterpreter_retained;
  // Fixtures a finalization left alive (never freed), by restart or by subinterpreter end.
  int64_t abandoned_fixtures = 0;
};

// The fixtures' hook, called in the main interpreter after an interpreter ended (`interp`
// was the subinterpreter; nullptr: the whole runtime was finalized): returns how many
// instances that interpreter left alive and stops counting them as alive, and lets the
// leak oracle start from new baselines.
using AbandonLiveFn = int64_t (*)(PyInterpreterState* interp_or_null_for_all);

class LifecycleExecutor {
 public:
  // Starts the interpreter and the main interpreter's support objects once per process.
  // `interpreters`: how many run at most, the main one included (the target's
  // gen::Limits::max_interpreters); operations naming another are no-ops. Throws
  // report::SetupError (report/setup_failure.h) when it cannot start.
  static LifecycleExecutor& Start(const ExecutorOptions& options, int interpreters,
                                  AbandonLiveFn abandon_live);

  const gen::KindCatalog& catalog() const { return catalog_; }
  const LifecycleStats& stats() const { return stats_; }

  // Runs the program through the host's per-input protocol; a finding ends the process.
  // Throws report::SetupError when an interpreter the program restarts or starts cannot be
  // made ready again: the caller (the target's input) ends the process with it.
  void RunInput(const gen::Program& program);

  // Whether the runtime can be finalized and started again with its module imported anew
  // (a PyO3 module refuses to be initialized twice in a process): restarts it once in a
  // forked child, which leaves this process as it was. The one line the failed restart
  // said, or "" when it works or the child died (a crash in finalization is for the
  // fuzzer to meet with an input, not for a probe to hide). Before the first input.
  std::string RestartRefusal();

  struct Interpreter;  // lifecycle_run.cc

 private:
  LifecycleExecutor(const ExecutorOptions& options, int interpreters, AbandonLiveFn abandon_live);

  std::unique_ptr<Interpreter> MakeSupport(std::unique_ptr<host::Subinterpreter> sub);
  void Enter(int slot);
  void StartSubinterpreter(int slot);
  void EndSubinterpreter(int slot);
  void EndAllSubinterpreters();
  void Restart();
  // The running session of `slot` hands what it holds to the thread state's dict and lets
  // go of its support objects; the interpreter is current.
  void Release(int slot);
  void Keep(std::optional<report::Finding> finding);

  std::string fixture_module_;
  AbandonLiveFn abandon_live_;
  gen::KindCatalog catalog_;
  std::vector<std::unique_ptr<Interpreter>> slots_;  // [0] main; nullptr: not running
  int current_ = 0;
  PyThreadState* main_tstate_ = nullptr;
  int64_t allocated_after_start_ = 0;
  LifecycleStats stats_;
  std::optional<report::Finding> finding_;
};

}  // namespace gcfuzz::exec
