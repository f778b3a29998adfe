#include "executor/lifecycle_run.h"

#include <string>

#include "executor/operation_context.h"
#include "executor/program_run.h"
#include "generators/session_plan.h"
#include "host/forked_probe.h"
#include "host/input_runner.h"
#include "host/interpreter.h"
#include "host/python_error.h"
#include "report/finding.h"
#include "report/report.h"
#include "report/setup_failure.h"

namespace gcfuzz::exec {

// One running interpreter's objects. `sub` is declared first so that it is destroyed last:
// the support objects go before their interpreter ends.
struct LifecycleExecutor::Interpreter {
  std::unique_ptr<host::Subinterpreter> sub;  // nullptr for the main interpreter
  std::unique_ptr<FixtureAdapter> fixtures;
  std::unique_ptr<PythonSupport> support;
  std::unique_ptr<ProgramRun> run;  // the current session's, made at its first operation
  int session = -1;
  int64_t allocated_before_start = 0;
};

namespace {

[[noreturn]] void Die(const std::string& what) {
  throw report::SetupError("lifecycle executor: " + what, host::TakePythonError());
}

}  // namespace

LifecycleExecutor& LifecycleExecutor::Start(const ExecutorOptions& options, int interpreters,
                                            AbandonLiveFn abandon_live) {
  static LifecycleExecutor* executor = new LifecycleExecutor(options, interpreters, abandon_live);
  return *executor;
}

LifecycleExecutor::LifecycleExecutor(const ExecutorOptions& options, int interpreters,
                                     AbandonLiveFn abandon_live)
    : fixture_module_(options.fixture_module), abandon_live_(abandon_live) {
  host::InterpreterOptions interpreter;
  interpreter.builtin_modules = options.builtin_modules;
  host::EnsureInterpreter(interpreter);
  main_tstate_ = PyThreadState_Get();
  slots_.resize(interpreters);
  slots_[0] = MakeSupport(nullptr);
  catalog_ = slots_[0]->fixtures->catalog();
  allocated_after_start_ = host::AllocatedBytes();
  for (const host::AfterInputCheck& check : options.after_input_checks) {
    host::AddAfterInputCheck(check);
  }
}

std::unique_ptr<LifecycleExecutor::Interpreter> LifecycleExecutor::MakeSupport(
    std::unique_ptr<host::Subinterpreter> sub) {
  auto interpreter = std::make_unique<Interpreter>();
  interpreter->sub = std::move(sub);
  PyThreadState* previous = interpreter->sub ? interpreter->sub->Enter() : nullptr;
  PyObject* module = PyImport_ImportModule(fixture_module_.c_str());
  if (module == nullptr) Die("cannot import the fixture module " + fixture_module_);
  interpreter->fixtures = std::make_unique<FixtureAdapter>(module);
  Py_DECREF(module);
  interpreter->support = std::make_unique<PythonSupport>(*interpreter->fixtures);
  // As Executor does: the support objects join the frozen heap of this interpreter.
  host::FreezeHeap();
  if (previous != nullptr) host::Subinterpreter::Leave(previous);
  return interpreter;
}

void LifecycleExecutor::Enter(int slot) {
  if (slot == current_) return;
  if (slot == 0) {
    host::Subinterpreter::Leave(main_tstate_);
  } else {
    slots_[slot]->sub->Enter();
  }
  current_ = slot;
}

void LifecycleExecutor::Keep(std::optional<report::Finding> finding) {
  if (finding && !finding_) finding_ = std::move(finding);
}

void LifecycleExecutor::Release(int slot) {
  Interpreter& interpreter = *slots_[slot];
  PyObject* holder = PyList_New(0);
  if (holder == nullptr) Die("no memory for the hand-over list");
  if (interpreter.run) {
    interpreter.support->Activate();
    Keep(interpreter.run->HandOver(holder));
    interpreter.run.reset();
  }
  if (PyList_GET_SIZE(holder) > 0) {
    PyObject* dict = PyThreadState_GetDict();
    if (dict == nullptr || PyDict_SetItemString(dict, "gcfuzz.left_to_finalization", holder) < 0) {
      Die("cannot leave objects in the thread state's dict");
    }
  }
  Py_DECREF(holder);
  interpreter.support.reset();
  interpreter.fixtures.reset();
  ForgetAttributeNames();
  host::UnfreezeHeap();
}

void LifecycleExecutor::StartSubinterpreter(int slot) {
  const int64_t before = host::AllocatedBytes();
  slots_[slot] = MakeSupport(std::make_unique<host::Subinterpreter>());
  slots_[slot]->allocated_before_start = before;
}

void LifecycleExecutor::EndSubinterpreter(int slot) {
  if (!slots_[slot]) return;
  Enter(slot);
  PyInterpreterState* interp = slots_[slot]->sub->interp();
  Release(slot);
  Enter(0);
  const int64_t before = slots_[slot]->allocated_before_start;
  slots_[slot].reset();  // Py_EndInterpreter
  stats_.abandoned_fixtures += abandon_live_(interp);
  stats_.subinterpreter_retained.push_back(host::AllocatedBytes() - before);
  ++stats_.subinterpreters;
  slots_[0]->support->Activate();
}

void LifecycleExecutor::EndAllSubinterpreters() {
  for (int slot = 1; slot < static_cast<int>(slots_.size()); ++slot) EndSubinterpreter(slot);
}

void LifecycleExecutor::Restart() {
  EndAllSubinterpreters();
  Enter(0);
  Release(0);
  slots_[0].reset();
  host::RestartRuntime();
  main_tstate_ = PyThreadState_Get();
  stats_.abandoned_fixtures += abandon_live_(nullptr);
  slots_[0] = MakeSupport(nullptr);
  const int64_t after = host::AllocatedBytes();
  stats_.restart_retained_sum += after - allocated_after_start_;
  stats_.restart_retained.push_back(after - allocated_after_start_);
  ++stats_.restart_retained_count;
  allocated_after_start_ = after;
  ++stats_.restarts;
}

std::string LifecycleExecutor::RestartRefusal() {
  const std::optional<std::string> refusal = host::AskForkedChild([this] {
    try {
      Restart();
    } catch (const report::SetupError& error) {
      const std::string why = host::LastLine(error.python_error().empty() ? error.what()
                                                                           : error.python_error());
      return why.empty() ? std::string("its set-up fails after a restart") : why;
    }
    return std::string();
  });
  return refusal.value_or("");
}

void LifecycleExecutor::RunInput(const gen::Program& program) {
  const gen::SessionPlan plan = gen::PlanSessions(program, static_cast<int>(slots_.size()));
  ++stats_.inputs;
  host::RunInputHoldingGil([&] {
    finding_.reset();
    for (const gen::SessionPlan::Step& step : plan.steps) {
      // Reports name the input's operation, with the executor's own copy of the catalog,
      // which outlives every interpreter's (a finding inside a restart still has its text).
      NoteOperation(program, step.input_index, catalog_);
      if (step.lifecycle) {
        switch (step.event) {
          case gen::LifecycleEvent::kRestart:
            Restart();
            break;
          case gen::LifecycleEvent::kStartInterpreter:
            StartSubinterpreter(step.slot);
            break;
          case gen::LifecycleEvent::kEndInterpreter:
            EndSubinterpreter(step.slot);
            break;
        }
      } else {
        Enter(step.slot);
        Interpreter& interpreter = *slots_[step.slot];
        if (!interpreter.run || interpreter.session != step.session) {
          interpreter.run = std::make_unique<ProgramRun>(plan.sessions[step.session].program,
                                                         *interpreter.fixtures,
                                                         *interpreter.support);
          interpreter.run->LeaveOperationNotesToCaller();
          interpreter.session = step.session;
        }
        interpreter.support->Activate();
        interpreter.run->Step(plan.sessions[step.session].program.ops[step.op]);
      }
      if (finding_) break;
    }
    NoteFinalStep();  // the subinterpreters still running end with the program
    EndAllSubinterpreters();
    Enter(0);
    Interpreter& main = *slots_[0];
    main.support->Activate();
    if (main.run) {
      Keep(main.run->Finish());
      main.run.reset();
    }
    if (finding_) report::ReportFinding(*finding_);
  });
}

}  // namespace gcfuzz::exec
