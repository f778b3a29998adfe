// The executor: runs generated programs in the embedded interpreter, one per input.
//
//   Executor& executor = Executor::Start(options);  // once: interpreter, fixtures, support
//   executor.RunInput(program);                     // per input: ops, final step, oracles
//
// Generation (generators/), execution (here) and reporting (report/report.h) stay separate:
// the executor finds, the host reports.
#pragma once

#include <Python.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "executor/fixture_adapter.h"
#include "executor/python_support.h"
#include "executor/worker_threads.h"
#include "generators/kind_catalog.h"
#include "generators/program.h"
#include "host/input_runner.h"
#include "host/interpreter.h"
#include "report/finding.h"

namespace gcfuzz::exec {

struct ExecutorOptions {
  // Compiled into the binary and imported at start-up (the fixture module, normally).
  std::vector<host::BuiltinModule> builtin_modules;
  // The module whose KINDS and METHODS programs use (fixture_adapter.h).
  std::string fixture_module;
  // Run after every input's final collection (the fixtures' leak oracle, normally).
  std::vector<host::AfterInputCheck> after_input_checks;
  // Run once with the GIL held, when the executor is ready and before the first input
  // (the fixtures' leak baselines, normally).
  std::vector<std::function<void()>> before_first_input;
  // Worker threads 1..worker_threads for operations whose thread is not 0
  // (executor/worker_threads.h); 0: every operation runs on the host thread.
  int worker_threads = 0;
};

class Executor {
 public:
  // Starts the interpreter and the executor's support objects once per process; later
  // calls return the same executor and ignore their options. Throws report::SetupError
  // (report/setup_failure.h) when it cannot.
  static Executor& Start(const ExecutorOptions& options);

  const gen::KindCatalog& catalog() const { return fixtures_->catalog(); }

  // Runs the program through the host's per-input protocol; a finding ends the process
  // through the host's reporting layer.
  void RunInput(const gen::Program& program);

  // Free-running (stress_fuzzer): programs[i] runs whole on worker i + 1, all at once,
  // interleaved by the interpreter's switch interval rather than in lock-step; then every
  // worker collects, then the host's per-input protocol. Needs worker_threads >= the number
  // of programs (the rest are ignored). Not replayable by construction: a finding's
  // reproduction rate is measured by re-running it (./gcfuzz stress).
  void RunConcurrentInput(const std::vector<gen::Program>& programs);

 private:
  explicit Executor(const ExecutorOptions& options);
  // Each operation on the thread it names, then the final step on the host thread, then a
  // full collection on every worker: objects made there are then collected by their own
  // thread too, which thread-affine kinds that refuse a foreign collector need.
  std::optional<report::Finding> RunOnThreads(const gen::Program& program);
  // A full collection on each worker in turn: what a thread-affine kind refused to a
  // foreign collector is then collected by its own thread.
  void CollectOnEveryWorker();

  std::unique_ptr<FixtureAdapter> fixtures_;
  std::unique_ptr<PythonSupport> support_;
  std::unique_ptr<WorkerThreads> workers_;
};

}  // namespace gcfuzz::exec
