#include "executor/program_run.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <variant>

#include "executor/hooks.h"
#include "executor/operation_context.h"
#include "generators/overloaded.h"
#include "host/lifecycle.h"
#include "host/python_error.h"

namespace gcfuzz::exec {
namespace {

// Hooks can trigger hooks (a callback that drops a root whose finalizer collects...). Each
// level is bounded by the program, but nothing is gained past a few levels.
constexpr int kMaxHookDepth = 8;

// The interned names of attributes `a<index>`, made once per index (an edge index is a
// byte) and per interpreter runtime (ForgetAttributeNames).
PyObject* g_attribute_names[256] = {};

PyObject* AttributeName(int index) {
  PyObject** names = g_attribute_names;
  if (names[index] == nullptr) {
    names[index] = PyUnicode_InternFromString(("a" + std::to_string(index)).c_str());
  }
  return names[index];
}

// Runs are numbered for the process's life: a weakref callback knows its run by number,
// never by a pointer that may dangle (the callback can fire after its run ended).
long long NextSerial() {
  static std::atomic<long long> next{0};
  return ++next;
}

}  // namespace

ProgramRun::ProgramRun(const gen::Program& program, const FixtureAdapter& fixtures,
                       const PythonSupport& support)
    : program_(program), fixtures_(fixtures), support_(support), serial_(NextSerial()) {
  kept_alive_ = PyList_New(0);
  resurrected_ = PyList_New(0);
  stash_ = PyList_New(0);
  method_results_ = PyList_New(0);
}

ProgramRun::~ProgramRun() {
  nodes_.Clear();
  Py_CLEAR(kept_alive_);
  Py_CLEAR(resurrected_);
  Py_CLEAR(stash_);
  Py_CLEAR(method_results_);
}

std::optional<report::Finding> ProgramRun::Run() {
  SetActiveRun(this);
  for (const gen::Op& op : program_.ops) {
    Execute(op);
    if (finding_) break;
    if (yield_between_operations_) {
      PyThreadState* state = PyEval_SaveThread();
      std::this_thread::yield();
      PyEval_RestoreThread(state);
    }
  }
  if (!finding_) FinalStep();
  support_.RestoreGcState();
  SetActiveRun(nullptr);
  return finding_;
}

void ForgetAttributeNames() {
  for (PyObject*& name : g_attribute_names) Py_CLEAR(name);
}

void ProgramRun::Step(const gen::Op& op) {
  if (finding_) return;
  SetActiveRun(this);
  Execute(op);
  SetActiveRun(nullptr);
}

std::optional<report::Finding> ProgramRun::Finish() {
  SetActiveRun(this);
  if (!finding_) FinalStep();
  support_.RestoreGcState();
  SetActiveRun(nullptr);
  return finding_;
}

std::optional<report::Finding> ProgramRun::HandOver(PyObject* holder) {
  // Hooks stay off: what the interpreter's finalization does with these objects runs no
  // program actions (the run is over), only the fixtures' own code.
  for (int id = 0; id < nodes_.size(); ++id) {
    if (NodeRef node = nodes_.Get(static_cast<gen::NodeId>(id))) PyList_Append(holder, node.get());
  }
  for (PyObject* list : {kept_alive_, resurrected_, stash_, method_results_}) {
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) {
      PyList_Append(holder, PyList_GET_ITEM(list, i));
    }
    PyList_SetSlice(list, 0, PY_SSIZE_T_MAX, nullptr);
  }
  nodes_.Clear();
  AbsorbError();
  support_.RestoreGcState();
  return finding_;
}

void ProgramRun::AbsorbError() {
  if (!PyErr_Occurred()) return;
  if (PyErr_ExceptionMatches(PyExc_SystemError) && !finding_) {
    RecordUnexpected(host::TakePythonError());
    return;
  }
  PyErr_Clear();
}

void ProgramRun::RecordUnexpected(std::string text) {
  if (!finding_) finding_ = report::Finding{"unexpected-exception", "", std::move(text)};
}

void ProgramRun::Execute(const gen::Op& op) {
  // Reports name the operation that failed (report/context.h).
  if (!caller_notes_operations_ && &op >= program_.ops.data() &&
      &op < program_.ops.data() + program_.ops.size()) {
    NoteOperation(program_, static_cast<int>(&op - program_.ops.data()), fixtures_.catalog());
  }
  hook_context_ = HookContext::Of(op);
  // Only a hook reads it (the first hooked node is made by a create, before any hook).
  if (has_hooks_) reachable_at_operation_start_ = nodes_.ReachableCount();
  // Armed for this operation only (its finalizers and callbacks included), disarmed once
  // its error is absorbed: the disarming call must not run with an error pending.
  const bool failing = inject_failures_ && op.fail_allocation != 0 &&
                       fixtures_.FailAllocation(op.fail_allocation);
  std::visit(gen::Overloaded{
                 [&](const gen::CreateNode& create) { Create(create); },
                 [&](const gen::AddEdge& edge) { AddEdge(edge); },
                 [&](const gen::RemoveEdge& edge) { RemoveEdge(edge); },
                 [&](const gen::DropRoot& drop) { nodes_.DropRoot(drop.node); },
                 [&](const gen::KeepAlive& keep) {
                   if (NodeRef node = nodes_.Get(keep.node)) PyList_Append(kept_alive_, node.get());
                 },
                 [&](const gen::Touch& touch) { Touch(nodes_.Get(touch.node).get()); },
                 [&](const gen::CallMethod& call) { CallMethod(call); },
                 [&](const gen::Collect& collect) { Collect(collect.generation); },
                 [&](const gen::SetGcEnabled& set) { support_.SetGcEnabled(set.enabled); },
                 [&](const gen::SetThresholds& set) {
                   support_.SetThresholds(set.threshold0, set.threshold1, set.threshold2);
                 },
                 // Interpreters are executor/lifecycle_run.h's: it never hands them here.
                 [](const gen::Lifecycle&) {},
             },
             op.body);
  AbsorbError();
  if (failing) fixtures_.FailAllocation(0);
}

void ProgramRun::Create(const gen::CreateNode& create) {
  const int id = nodes_.size();
  std::vector<NodeRef> held;  // nullptr for a node that is gone
  for (gen::NodeId arg : create.args) held.push_back(nodes_.Get(arg));
  std::vector<PyObject*> args;
  for (const NodeRef& arg : held) args.push_back(arg.get());
  PyObject* object = nullptr;
  switch (create.kind.base) {
    case gen::NodeBase::kFixture:
    case gen::NodeBase::kFixtureSubclass: {
      PyObject* arguments = NewArgumentTuple(args);
      if (arguments == nullptr) break;
      const int kind = create.kind.fixture;
      PyObject* type = fixtures_.Type(kind);
      if (create.kind.base == gen::NodeBase::kFixture) {
        object = fixtures_.Construct(type, kind, arguments);
      } else if (create.own_class) {
        if (PyObject* own_class = PythonSupport::NewOwnClass(type, create.has_hook)) {
          object = fixtures_.Construct(own_class, kind, arguments);
          Py_DECREF(own_class);  // the instance holds its class
        }
      } else if (PyObject* subclass = support_.Subclass(kind, create.has_hook)) {
        object = fixtures_.Construct(subclass, kind, arguments);
      }
      Py_DECREF(arguments);
      break;
    }
    case gen::NodeBase::kChain:
      object = NewChain(create.kind.fixture, gen::kChainLengths[create.chain_length_class]);
      break;
    case gen::NodeBase::kList:
      object = PyList_New(0);
      for (PyObject* arg : args) {
        if (object && arg) PyList_Append(object, arg);
      }
      break;
    case gen::NodeBase::kDict:
      object = PyDict_New();
      for (size_t key = 0; object && key < args.size(); ++key) {
        if (args[key] == nullptr) continue;
        PyObject* number = PyLong_FromSize_t(key);
        PyDict_SetItem(object, number, args[key]);
        Py_DECREF(number);
      }
      break;
    case gen::NodeBase::kTuple:
      object = PyTuple_New(static_cast<Py_ssize_t>(args.size()));
      for (size_t i = 0; object && i < args.size(); ++i) {
        PyObject* item = args[i] ? args[i] : Py_None;
        Py_INCREF(item);
        PyTuple_SET_ITEM(object, i, item);
      }
      break;
    case gen::NodeBase::kSet:
      object = PySet_New(nullptr);
      for (PyObject* arg : args) {
        if (object && arg && PySet_Add(object, arg) < 0) AbsorbError();  // unhashable
      }
      break;
    case gen::NodeBase::kClosure:
      object = support_.NewClosure(args.empty() ? nullptr : args[0]);
      break;
    case gen::NodeBase::kBoundMethod:
      if (!args.empty() && args[0]) object = support_.NewBoundMethod(args[0]);
      break;
    case gen::NodeBase::kWeakref:
      if (!args.empty() && args[0]) {
        object = support_.NewWeakref(args[0], serial_, create.has_hook ? id : -1);
      }
      break;
  }
  if (object == nullptr) AbsorbError();
  hooks_.push_back(create.has_hook ? &create.hook : nullptr);
  has_hooks_ = has_hooks_ || create.has_hook;
  own_class_.push_back(create.own_class && object != nullptr);
  nodes_.Add(object);
}

void ProgramRun::AddEdge(const gen::AddEdge& edge) {
  NodeRef from_ref = nodes_.Get(edge.from);
  NodeRef to_ref = nodes_.Get(edge.to);
  PyObject* from = from_ref.get();
  PyObject* to = to_ref.get();
  if (from == nullptr || to == nullptr) return;
  switch (edge.via) {
    case gen::EdgeVia::kItem:
      if (PyList_Check(from)) {
        if (edge.index < PyList_GET_SIZE(from)) {
          Py_INCREF(to);
          PyList_SetItem(from, edge.index, to);
        } else {
          PyList_Append(from, to);
        }
      } else if (PyDict_Check(from)) {
        PyObject* key = PyLong_FromLong(edge.index);
        PyDict_SetItem(from, key, to);
        Py_DECREF(key);
      } else if (PySet_Check(from)) {
        PySet_Add(from, to);
      } else if (PyObject* cell = PythonSupport::CellOf(from)) {
        PyCell_Set(cell, to);
      }
      break;
    case gen::EdgeVia::kAttribute:
      PyObject_SetAttr(from, AttributeName(edge.index), to);
      break;
    case gen::EdgeVia::kSlot:
      fixtures_.SetSlot(from, edge.index, to);
      break;
    case gen::EdgeVia::kClassAttribute:
      if (own_class_[edge.from]) {
        PyObject_SetAttr(reinterpret_cast<PyObject*>(Py_TYPE(from)), AttributeName(edge.index), to);
      }
      break;
  }
}

// A tuple of the arguments; a node that is gone is None, as in tuple nodes.
PyObject* ProgramRun::NewArgumentTuple(const std::vector<PyObject*>& args) {
  PyObject* tuple = PyTuple_New(static_cast<Py_ssize_t>(args.size()));
  for (size_t i = 0; tuple && i < args.size(); ++i) {
    PyObject* item = args[i] ? args[i] : Py_None;
    Py_INCREF(item);
    PyTuple_SET_ITEM(tuple, i, item);
  }
  return tuple;
}

// Built from the tail, each new link holding the chain so far in slot 0 (or, for a kind
// whose slots are fixed at construction such as Frozen, as its constructor argument). The
// collector is off meanwhile: at threshold 1 every allocation would otherwise collect the
// growing chain, quadratic in its length. Creating the node is one operation.
PyObject* ProgramRun::NewChain(int kind, int length) {
  PyObject* type = fixtures_.Type(kind);
  // A chain of finalizing kinds is released one link per collection (each finalizer runs
  // once, PEP 442, and a resurrecting link holds the rest of the chain until the next
  // round), so 100,000 Resurrectors cost 10^10 object visits: a hang, found by hunt. The
  // deep-chain defect (missing-trashcan) lives in kinds without finalizers; these get
  // chains short enough to finish.
  constexpr int kFinalizingChainLinks = 64;
  if (PyType_Check(type)) {
    const PyTypeObject* as_type = reinterpret_cast<PyTypeObject*>(type);
    if (as_type->tp_finalize != nullptr || as_type->tp_del != nullptr) {
      length = std::min(length, kFinalizingChainLinks);
    }
  }
  const int longest = fixtures_.catalog().max_chain_length;
  if (longest > 0) length = std::min(length, longest);
  const bool was_enabled = support_.GcEnabled();
  support_.SetGcEnabled(false);
  bool by_constructor = false;
  PyObject* chain = nullptr;
  // A chain is about depth, not memory: links of a module's type can be large (a yaml
  // CEmitter holds buffers of kilobytes), and 100,000 of them would end the run on the RSS
  // limit every time. The chain stops growing at kChainMemoryBudget; the catalog's links
  // are small enough never to reach it.
  constexpr int64_t kChainMemoryBudget = int64_t{256} << 20;
  const int64_t allocated_at_start = host::AllocatedBytes();
  for (int i = 0; i < length; ++i) {
    if (i % 1024 == 1023 && host::AllocatedBytes() - allocated_at_start > kChainMemoryBudget) break;
    PyObject* link = nullptr;
    if (chain == nullptr || !by_constructor) {
      link = fixtures_.Construct(type, kind, nullptr);
      if (link != nullptr && chain != nullptr && !fixtures_.SetSlot(link, 0, chain)) {
        Py_CLEAR(link);
        by_constructor = true;
      }
    }
    if (link == nullptr && by_constructor) {
      PyObject* arguments = PyTuple_Pack(1, chain);
      if (arguments != nullptr) {
        link = fixtures_.Construct(type, kind, arguments);
        Py_DECREF(arguments);
      }
    }
    Py_XDECREF(chain);
    chain = link;
    if (chain == nullptr) break;
  }
  support_.SetGcEnabled(was_enabled);  // keeps the constructor's error, if any, pending
  return chain;
}

void ProgramRun::RemoveEdge(const gen::RemoveEdge& edge) {
  NodeRef from_ref = nodes_.Get(edge.from);
  PyObject* from = from_ref.get();
  if (from == nullptr) return;
  switch (edge.via) {
    case gen::EdgeVia::kItem:
      if (PyList_Check(from)) {
        if (edge.index < PyList_GET_SIZE(from)) PySequence_DelItem(from, edge.index);
      } else if (PyDict_Check(from)) {
        PyObject* key = PyLong_FromLong(edge.index);
        if (PyDict_DelItem(from, key) < 0) PyErr_Clear();
        Py_DECREF(key);
      } else if (PySet_Check(from)) {
        // Which member a set would give up depends on addresses, so replays would differ:
        // removing an edge from a set empties it.
        PySet_Clear(from);
      } else if (PyObject* cell = PythonSupport::CellOf(from)) {
        PyCell_Set(cell, nullptr);
      }
      break;
    case gen::EdgeVia::kAttribute:
      PyObject_SetAttr(from, AttributeName(edge.index), nullptr);
      break;
    case gen::EdgeVia::kSlot:
      fixtures_.ClearSlot(from, edge.index);
      break;
    case gen::EdgeVia::kClassAttribute:
      if (own_class_[edge.from] &&
          PyObject_DelAttr(reinterpret_cast<PyObject*>(Py_TYPE(from)), AttributeName(edge.index)) < 0) {
        PyErr_Clear();
      }
      break;
  }
}

void ProgramRun::Touch(PyObject* object) {
  if (object == nullptr) return;
  if (fixtures_.IsFixture(object)) {
    fixtures_.Touch(object);
  } else if (PyWeakref_CheckRef(object)) {
    PyObject* referent = PyWeakref_GetObject(object);
    if (referent != Py_None && !PyWeakref_CheckRef(referent)) {
      Py_INCREF(referent);
      Touch(referent);
      Py_DECREF(referent);
    }
  } else if (PyFunction_Check(object) || PyMethod_Check(object)) {
    // Calling a closure reads its cell; calling a bound method returns its receiver.
    PyObject* result = PyObject_CallObject(object, nullptr);
    Py_XDECREF(result);
  } else {
    if (PyObject_Length(object) < 0) PyErr_Clear();
  }
  AbsorbError();
}

void ProgramRun::CallMethod(const gen::CallMethod& call) {
  NodeRef receiver_ref = nodes_.Get(call.receiver);
  PyObject* receiver = receiver_ref.get();
  const gen::KindCatalog& catalog = fixtures_.catalog();
  if (receiver == nullptr || call.method >= catalog.method_count()) return;
  NodeRef argument_ref = call.has_argument ? nodes_.Get(call.argument) : nullptr;
  PyObject* argument = argument_ref.get();
  if (call.has_argument && argument == nullptr) return;
  PyObject* method = PyObject_GetAttr(receiver, fixtures_.MethodName(call.method));
  if (method == nullptr) return;
  PyObject* result = argument ? PyObject_CallFunctionObjArgs(method, argument, nullptr)
                              : PyObject_CallObject(method, nullptr);
  Py_DECREF(method);
  // An object the method made (only the result refers to it) is kept until the final step,
  // as a local variable would keep it: Context.slots() issues buffers only while earlier
  // ones are held. An existing object a method hands back (use()) is not: holding it
  // would keep alive what the program dropped.
  if (result != nullptr && Py_REFCNT(result) == 1) PyList_Append(method_results_, result);
  Py_XDECREF(result);
}

void ProgramRun::Collect(int generation) { support_.Collect(generation); }

void ProgramRun::RunHook(int node, PyObject* self) {
  if (node < 0 || node >= static_cast<int>(hooks_.size()) || hooks_[node] == nullptr) return;
  if (hook_depth_ >= kMaxHookDepth) return;
  // The interpreter may pass `self` borrowed (a weakref's callback gets its weakref that
  // way), and an action may drop the last other reference to it.
  NodeRef self_held = Hold(self);
  ++hook_depth_;
  const int freed = reachable_at_operation_start_ - nodes_.ReachableCount();
  hook_context_.Count(hook_depth_, freed, std::nullopt);
  for (const gen::Action& action : *hooks_[node]) {
    hook_context_.Count(hook_depth_, freed, action.kind);
    RunAction(action, node, self);
    if (PyErr_Occurred()) break;  // the raise action: the interpreter reports it unraisable
  }
  --hook_depth_;
}

void ProgramRun::RunAction(const gen::Action& action, int owner, PyObject* self) {
  NodeRef target_ref = action.target == owner && self != nullptr && !PyWeakref_CheckRef(self)
                           ? Hold(self)
                           : nodes_.Get(action.target);
  PyObject* target = target_ref.get();
  switch (action.kind) {
    case gen::ActionKind::kTouch:
      Touch(target);
      break;
    case gen::ActionKind::kStashWeakref:
      if (target != nullptr) {
        PyObject* ref = PyWeakref_NewRef(target, nullptr);
        if (ref != nullptr) {
          PyList_Append(stash_, ref);
          Py_DECREF(ref);
        }
        AbsorbError();
      }
      break;
    case gen::ActionKind::kResurrect:
      if (target != nullptr) PyList_Append(resurrected_, target);
      break;
    case gen::ActionKind::kDropRoot:
      nodes_.DropRoot(action.target);
      break;
    case gen::ActionKind::kRaise:
      PyErr_SetString(support_.program_raised(), "raised by a hook of the program");
      break;
    case gen::ActionKind::kCollect:
      Collect(action.generation);
      break;
  }
}

void ProgramRun::FinalStep() {
  NoteFinalStep();
  hook_context_ = HookContext::FinalStep();
  if (has_hooks_) reachable_at_operation_start_ = nodes_.ReachableCount();
  nodes_.DropAllRoots();
  PyList_SetSlice(method_results_, 0, PY_SSIZE_T_MAX, nullptr);
  support_.Collect(2);
  AbsorbError();
  // Whatever survived the collection on purpose is touched: a survivor the collector
  // cleared anyway (or freed) shows here, as a use-after-clear or use-after-free.
  PyObject* fixture_resurrected = fixtures_.resurrected();
  for (PyObject* list : {kept_alive_, resurrected_, fixture_resurrected}) {
    if (list == nullptr) continue;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) Touch(PyList_GET_ITEM(list, i));
  }
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(stash_); ++i) Touch(PyList_GET_ITEM(stash_, i));
  // Let the survivors go: first with hooks on (a kept-alive node's __del__ has not run
  // yet), then once more with hooks off, so what those hooks resurrected goes too.
  for (bool hooks_on : {true, false}) {
    if (!hooks_on) SetActiveRun(nullptr);
    PyList_SetSlice(kept_alive_, 0, PY_SSIZE_T_MAX, nullptr);
    PyList_SetSlice(resurrected_, 0, PY_SSIZE_T_MAX, nullptr);
    PyList_SetSlice(stash_, 0, PY_SSIZE_T_MAX, nullptr);
    if (fixture_resurrected) PyList_SetSlice(fixture_resurrected, 0, PY_SSIZE_T_MAX, nullptr);
    support_.Collect(2);
    AbsorbError();
  }
}

}  // namespace gcfuzz::exec
