#include "executor/executor.h"

#include <algorithm>
#include <cstdlib>
#include <functional>

#include "executor/program_run.h"
#include "host/gil.h"
#include "host/python_error.h"
#include "report/finding.h"
#include "report/report.h"
#include "report/setup_failure.h"

namespace gcfuzz::exec {

Executor& Executor::Start(const ExecutorOptions& options) {
  static Executor* executor = new Executor(options);  // lives as long as the interpreter
  return *executor;
}

Executor::Executor(const ExecutorOptions& options) {
  host::InterpreterOptions interpreter;
  interpreter.builtin_modules = options.builtin_modules;
  host::EnsureInterpreter(interpreter);
  host::GilScope gil;
  PyObject* module = PyImport_ImportModule(options.fixture_module.c_str());
  if (module == nullptr) {
    throw report::SetupError("cannot import the fixture module " + options.fixture_module,
                             host::TakePythonError());
  }
  fixtures_ = std::make_unique<FixtureAdapter>(module);
  Py_DECREF(module);
  support_ = std::make_unique<PythonSupport>(*fixtures_);
  // The executor's own long-lived objects join the frozen startup heap: collections during
  // an input examine the input's objects only.
  host::FreezeHeap();
  for (const std::function<void()>& step : options.before_first_input) step();
  for (const host::AfterInputCheck& check : options.after_input_checks) {
    host::AddAfterInputCheck(check);
  }
  if (options.worker_threads > 0) {
    workers_ = std::make_unique<WorkerThreads>(options.worker_threads);
    // libFuzzer ends with exit(): wake the sleeping workers and join them first, so no
    // thread is left running or blocked when the process goes.
    static WorkerThreads* at_exit = workers_.get();
    std::atexit([] { at_exit->Stop(); });
  }
}

std::optional<report::Finding> Executor::RunOnThreads(const gen::Program& program) {
  std::optional<report::Finding> finding;
  {
    ProgramRun run(program, *fixtures_, *support_);
    for (const gen::Op& op : program.ops) {
      workers_->Run(op.thread, [&] { run.Step(op); });
    }
    finding = run.Finish();
  }
  if (finding) return finding;
  CollectOnEveryWorker();
  return std::nullopt;
}

void Executor::CollectOnEveryWorker() {
  const std::function<void()> collect = [&] { support_->Collect(2); };
  for (int thread = 1; thread <= workers_->count(); ++thread) workers_->Run(thread, collect);
}

void Executor::RunConcurrentInput(const std::vector<gen::Program>& programs) {
  host::RunInput([&] {
    if (workers_ == nullptr) return;
    const size_t running = std::min(programs.size(), static_cast<size_t>(workers_->count()));
    std::vector<std::optional<report::Finding>> found(running);
    std::vector<std::function<void()>> jobs;
    for (size_t i = 0; i < running; ++i) {
      jobs.emplace_back([&, i] {
        ProgramRun run(programs[i], *fixtures_, *support_);
        run.YieldGilBetweenOperations();
        run.WithoutInjectedFailures();
        found[i] = run.Run();
      });
    }
    workers_->RunConcurrently(jobs);
    for (const std::optional<report::Finding>& finding : found) {
      if (finding) report::ReportFinding(*finding);
    }
    CollectOnEveryWorker();
  });
}

void Executor::RunInput(const gen::Program& program) {
  host::RunInput([&] {
    std::optional<report::Finding> finding;
    if (workers_ != nullptr) {
      finding = RunOnThreads(program);
    } else {
      ProgramRun run(program, *fixtures_, *support_);
      finding = run.Run();
    }
    if (finding) report::ReportFinding(*finding);
  });
}

}  // namespace gcfuzz::exec
