#include "forms/script_form.h"

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>

#include "forms/text_form.h"
#include "generators/overloaded.h"

namespace gcfuzz::gen {
namespace {

std::string Node(NodeId id) { return "n" + std::to_string(id); }
std::string Num(int value) { return std::to_string(value); }

// What the program needs beyond the core helpers; decided before anything is written.
struct Needs {
  bool kept = false, stash = false, resurrected = false, results = false;
  bool hooks = false, raise = false, threads = false, sets = false, closures = false;
  bool methods = false, gc_state = false, live = false, chains = false;
  bool lifecycle = false;  // restarts or subinterpreters: sessions run in subinterpreters
  bool failing = false;    // an operation runs with an injected allocation failure
};

// The names whose flag is set, each with `suffix`, joined by ", ".
std::string JoinWanted(std::initializer_list<std::pair<bool, const char*>> names,
                       const std::string& suffix = "") {
  std::string joined;
  for (auto [wanted, name] : names) {
    if (wanted) joined += (joined.empty() ? "" : ", ") + std::string(name) + suffix;
  }
  return joined;
}

// `run(lambda n0, n1: BODY, 0, 1)`: the body sees the nodes under their program names.
std::string Run(const std::vector<NodeId>& ids, const std::string& body) {
  std::vector<NodeId> unique;
  for (NodeId id : ids) {
    bool seen = false;
    for (NodeId u : unique) seen |= u == id;
    if (!seen) unique.push_back(id);
  }
  std::string params, args;
  for (size_t i = 0; i < unique.size(); ++i) {
    params += (i ? ", " : "") + Node(unique[i]);
    args += ", " + Num(unique[i]);
  }
  return "run(lambda " + params + ": " + body + args + ")";
}

class ScriptWriter {
 public:
  ScriptWriter(const Program& program, const KindCatalog& catalog, const ScriptOptions& options)
      : program_(program), catalog_(catalog), options_(options), kinds_(NodeKinds(program)) {}

  std::string Write() {
    FindNeeds();
    std::string out;
    for (const std::string& line : options_.header) out += "# " + line + "\n";
    if (needs_.lifecycle) {
      // The helpers once, as text: the main interpreter runs them, and so does every
      // subinterpreter before its operations.
      std::string helpers;
      Prelude(&helpers);
      Hooks(&helpers);
      out += "PRELUDE = r'''  # the helpers: run in the main interpreter and in every subinterpreter\n" +
             helpers + "'''\nexec(PRELUDE)\n";
      const std::string left = JoinWanted({{true, "roots"}, {needs_.kept, "kept"},
                                           {needs_.resurrected, "resurrected"},
                                           {needs_.stash, "stash"}, {needs_.results, "results"}});
      // What a session still holds is left to its interpreter's finalization, as the
      // executor leaves it: in a cycle hung on the module, so the last collection of
      // Py_EndInterpreter frees it, after the interpreter's modules are gone.
      out += "def sub(code): import _testcapi; _testcapi.run_in_subinterp(PRELUDE + code + "
             "\"\\nfx.left = [" + left + "]; fx.left.append(fx.left)\"); fx.abandon()  # a subinterpreter runs code, then ends\n";
    } else {
      Prelude(&out);
      Hooks(&out);
    }
    Operations(&out);
    FinalStep(&out);
    return out;
  }

 private:
  bool IsKnownKind(uint8_t fixture) const { return fixture < catalog_.kind_count(); }
  std::string Kind(uint8_t fixture) const { return catalog_.kinds[fixture].name; }
  bool ModuleMode() const { return !options_.module_imports.empty(); }
  // The kind's type as an expression, and what makes an instance of a class `cls` from
  // node arguments (the class itself for the catalog; fx.build for a module, as make()).
  std::string KindType(uint8_t fixture) const {
    return (ModuleMode() ? "fx.kinds." : "fx.") + Kind(fixture);
  }
  std::string Maker(const std::string& cls) const {
    return ModuleMode() ? "functools.partial(fx.build, " + cls + ")" : cls;
  }
  std::string MadeWithoutArguments(const std::string& cls) const {
    return ModuleMode() ? "fx.build(" + cls + ")" : cls + "()";
  }
  NodeBase BaseOf(NodeId id) const { return id < kinds_.size() ? kinds_[id].base : NodeBase::kList; }
  bool HasOwnClass(NodeId id) const {
    NodeId created = 0;
    for (const Op& op : program_.ops) {
      const auto* create = std::get_if<CreateNode>(&op.body);
      if (create == nullptr) continue;
      if (created++ == id) return create->kind.base == NodeBase::kFixtureSubclass && create->own_class;
    }
    return false;
  }

  void FindNeeds() {
    for (const Op& op : program_.ops) {
      needs_.threads |= op.thread != 0;
      needs_.failing |= op.fail_allocation != 0;
      std::visit(Overloaded{
                     [&](const CreateNode& create) {
                       needs_.hooks |= create.has_hook;
                       for (const Action& action : create.hook) {
                         needs_.stash |= action.kind == ActionKind::kStashWeakref;
                         needs_.resurrected |= action.kind == ActionKind::kResurrect;
                         needs_.raise |= action.kind == ActionKind::kRaise;
                       }
                       needs_.sets |= create.kind.base == NodeBase::kSet && !create.args.empty();
                       needs_.closures |= create.kind.base == NodeBase::kClosure;
                       needs_.chains |= create.kind.base == NodeBase::kChain;
                       needs_.methods |= create.kind.base == NodeBase::kBoundMethod;
                       needs_.live |= (create.kind.base == NodeBase::kList ||
                                       create.kind.base == NodeBase::kClosure) &&
                                      !create.args.empty();
                     },
                     [&](const AddEdge&) {},
                     [&](const RemoveEdge&) {},
                     [&](const DropRoot&) {},
                     [&](const KeepAlive&) { needs_.kept = true; },
                     [&](const Touch&) {},
                     [&](const CallMethod&) { needs_.results = true; },
                     [&](const Collect&) {},
                     [&](const SetGcEnabled&) { needs_.gc_state = true; },
                     [&](const SetThresholds&) { needs_.gc_state = true; },
                     [&](const Lifecycle&) { needs_.lifecycle = true; },
                 },
                 op.body);
      needs_.lifecycle |= op.interpreter != 0;
    }
    needs_.live |= needs_.sets;
  }

  void Prelude(std::string* out) const {
    *out += std::string("import ") + (ModuleMode() ? "functools, " : "") + "gc, os, sys, types, weakref" +
            (needs_.threads ? ", queue, threading" : "") + "\n";
    // The fuzzer's host keeps objects in malloc under ASan (freed ones are poisoned, not
    // recycled by pymalloc); the allocator is chosen at start-up, hence the re-exec.
    *out += "os.environ.get(\"PYTHONMALLOC\") == \"malloc\" or os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, \"PYTHONMALLOC\": \"malloc\"})\n";
    if (ModuleMode()) {
      for (const std::string& line : options_.module_imports) *out += line + "\n";
    } else {
      *out += "import " + options_.module + " as fx\n";
    }
    if (!options_.armed.empty()) {
      std::string ids;
      for (const std::string& id : options_.armed) ids += (ids.empty() ? "" : ",") + id;
      *out += "fx.arm(\"" + ids + "\")\n";
    }
    std::string names = "roots, trackers", values = "{}, {}";
    for (auto [wanted, name] : {std::pair{needs_.kept, "kept"}, {needs_.stash, "stash"},
                                {needs_.resurrected, "resurrected"}, {needs_.results, "results"}}) {
      if (!wanted) continue;
      names += std::string(", ") + name;
      values += ", []";
    }
    if (needs_.gc_state) names += ", thresholds", values += ", gc.get_threshold()";
    *out += names + " = " + values + "\n";
    *out +=
        "def new(i, o): roots[i] = o; o is not None and type(o).__weakrefoffset__ and trackers.update({i: weakref.ref(o)})  # a root, and a weakref that finds it once the root is gone\n"
        "def node(i): return roots[i] if roots.get(i) is not None else trackers[i]() if i in trackers else None  # None once gone\n"
        "def attempt(f, *args):  # an operation that does not apply is a no-op, as in the executor\n"
        "    try: return f(*args)\n"
        "    except SystemError: raise\n"
        "    except Exception: return None\n"
        "def run(f, *ids): nodes = [node(i) for i in ids]; return None if None in nodes else attempt(f, *nodes)  # ... and so is one on a node that is gone\n"
        // fx.touch first: it reads a fixture in instrumented code, so a stale object is an
        // ASan report there rather than a silent read inside libpython (isinstance).
        "def touch(o, deref=True):  # a fixture's payload; call a weakref, closure or method; len() of the rest\n"
        "    if o is None or attempt(fx.touch, o) is not None: return\n"
        "    if isinstance(o, weakref.ref): return deref and touch(o(), False)\n"
        "    attempt(o) if isinstance(o, (types.FunctionType, types.MethodType)) else attempt(len, o)\n";
    if (needs_.live) *out += "def live(*ids): return [o for o in map(node, ids) if o is not None]\n";
    if (needs_.sets) *out += "def make_set(*ids): s = set(); [attempt(s.add, o) for o in live(*ids)]; return s\n";
    if (needs_.closures) {
      *out += "def make_closure(*initial):\n"
              "    if initial: value = initial[0]\n"
              "    return lambda *ignored: value  # any arguments, as the executor's closures take\n";
    }
    if (needs_.methods) *out += "def receiver(self, *ignored): return self\n";
    if (needs_.chains && !ModuleMode()) {
      // As the executor builds it: each new link holds the chain so far in slot 0, or, for
      // a kind whose slots are fixed at construction (Frozen), as its constructor's item.
      // SLOTS is 0 exactly for those kinds.
      *out += "def chain(kind, length):  # each new link holds the chain so far (slot 0, or its constructor's item)\n"
              "    head = kind()\n"
              "    for _ in range(length - 1): head = (lambda link: link.set_slot(0, head) or link)(kind()) if kind.SLOTS else kind(head)\n"
              "    return head\n";
    }
    if (needs_.results) {
      *out += "def call(f, *ids): r = run(f, *ids); r is not None and sys.getrefcount(r) == 2 and results.append(r)  # keeps what a method made until the end\n";
    }
    if (needs_.failing) {
      *out += "def failing(n, f):  # the n-th fixture allocation while f runs fails with MemoryError, as in the executor\n"
              "    fx.fail_allocation(n)\n"
              "    try: attempt(f)\n"
              "    finally: fx.fail_allocation(0)\n";
    }
    if (needs_.stash) *out += "def stash_weakref(o): stash.append(weakref.ref(o))\n";
    if (needs_.raise) {
      *out += "ProgramRaised = type(\"ProgramRaised\", (Exception,), {}); sys.unraisablehook = lambda u: issubclass(u.exc_type, ProgramRaised) or sys.__unraisablehook__(u)\n";
    }
    if (needs_.threads) {
      *out += "def on_thread(t, f, workers={}):  # worker thread t runs f while the main thread waits\n"
              "    if t not in workers:\n"
              "        workers[t] = queue.Queue(); threading.Thread(target=lambda q: [g() for g in iter(q.get, None)], args=(workers[t],), daemon=True).start()\n"
              "    done = threading.Event(); workers[t].put(lambda: (attempt(f), done.set())); done.wait()\n";
    }
    if (needs_.hooks) *out += "active = True  # hooks run while the program does\n";
  }

  // hookN(self): the actions of node N's __del__ or weakref callback.
  void Hooks(std::string* out) const {
    NodeId id = 0;
    for (const Op& op : program_.ops) {
      const auto* create = std::get_if<CreateNode>(&op.body);
      if (create == nullptr) continue;
      if (create->has_hook) {
        const bool finalizer = create->kind.base == NodeBase::kFixtureSubclass;
        std::string body;
        for (const Action& action : create->hook) {
          // For __del__, the hook's own node is `self` (its root and weakref are gone).
          const bool self = finalizer && action.target == id;
          const std::string target = self ? "self" : "node(" + Num(action.target) + ")";
          std::string line;
          switch (action.kind) {
            case ActionKind::kTouch:
              line = "touch(" + target + ")";
              break;
            case ActionKind::kStashWeakref:
              line = self ? "attempt(stash_weakref, self)" : "run(stash_weakref, " + Num(action.target) + ")";
              break;
            case ActionKind::kResurrect:
              line = self ? "resurrected.append(self)" : "run(resurrected.append, " + Num(action.target) + ")";
              break;
            case ActionKind::kDropRoot:
              line = "roots[" + Num(action.target) + "] = None";
              break;
            case ActionKind::kRaise:
              line = "raise ProgramRaised(\"raised by a hook of the program\")";
              break;
            case ActionKind::kCollect:
              line = "gc.collect(" + Num(action.generation) + ")";
              break;
          }
          body += (body.empty() ? "" : "; ") + line;
          if (action.kind == ActionKind::kRaise) break;  // nothing after it runs
        }
        const std::string what = finalizer ? "__del__" : "weakref callback";
        *out += "def hook" + Num(id) + "(self):  # " + what + " of " + Node(id) + "\n";
        *out += "    if active: " + (body.empty() ? std::string("pass") : body) + "\n";
      }
      ++id;
    }
  }

  std::string CreateLine(const CreateNode& create, NodeId id) const {
    std::string ids;
    for (size_t i = 0; i < create.args.size(); ++i) ids += (i ? ", " : "") + Num(create.args[i]);
    const std::string tuple_ids = create.args.size() == 1 ? ids + "," : ids;
    const std::string i = Num(id);
    switch (create.kind.base) {
      case NodeBase::kFixture:
        if (!IsKnownKind(create.kind.fixture)) return "new(" + i + ", None)  # unknown fixture kind";
        if (!create.args.empty()) return "new(" + i + ", run(" + Maker(KindType(create.kind.fixture)) + ", " + ids + "))";
        return "new(" + i + ", " + MadeWithoutArguments(KindType(create.kind.fixture)) + ")";
      case NodeBase::kChain: {
        if (!IsKnownKind(create.kind.fixture)) return "new(" + i + ", None)  # unknown fixture kind";
        const int length = create.chain_length_class < kChainLengthClasses
                               ? kChainLengths[create.chain_length_class] : 1;
        return "new(" + i + ", " + (ModuleMode() ? "fx." : "") + "chain(" + KindType(create.kind.fixture) + ", " + Num(length) + "))";
      }
      case NodeBase::kFixtureSubclass: {
        if (!IsKnownKind(create.kind.fixture)) return "new(" + i + ", None)  # unknown fixture kind";
        if (!catalog_.kinds[create.kind.fixture].subclassable) {
          return "new(" + i + ", None)  # " + Kind(create.kind.fixture) + " cannot be subclassed";
        }
        // A hooked node gets a class of its own (its __del__ is its hook); so does an own_class
        // node; the others share one subclass per kind, as in the executor.
        const bool own = create.has_hook || create.own_class;
        const std::string cls = Kind(create.kind.fixture) + (create.has_hook ? "WithDel" : "Sub") + (own ? i : "");
        std::string line;
        // A lifecycle script runs sessions in namespaces of their own: no sharing there.
        if (own || needs_.lifecycle || !defined_classes_.count(cls)) {
          line = "class " + cls + "(" + KindType(create.kind.fixture) + "): " +
                 (create.has_hook ? "__del__ = hook" + i : "pass") + "\n";
          defined_classes_.insert(cls);
        }
        if (!create.args.empty()) return line + "new(" + i + ", run(" + Maker(cls) + ", " + ids + "))";
        return line + "new(" + i + ", " + MadeWithoutArguments(cls) + ")";
      }
      case NodeBase::kList:
        return "new(" + i + ", " + (create.args.empty() ? "[]" : "live(" + ids + ")") + ")";
      case NodeBase::kDict:
        if (create.args.empty()) return "new(" + i + ", {})";
        return "new(" + i + ", {k: o for k, o in enumerate(map(node, (" + tuple_ids + "))) if o is not None})";
      case NodeBase::kTuple:
        if (create.args.empty()) return "new(" + i + ", ())";
        return "new(" + i + ", tuple(map(node, (" + tuple_ids + "))))";
      case NodeBase::kSet:
        return "new(" + i + ", " + (create.args.empty() ? "set()" : "make_set(" + ids + ")") + ")";
      case NodeBase::kClosure:
        return "new(" + i + ", make_closure(" + (create.args.empty() ? "" : "*live(" + ids + ")") + "))";
      case NodeBase::kBoundMethod:
        if (create.args.empty()) return "new(" + i + ", None)  # a method needs its receiver";
        return "new(" + i + ", " + Run({create.args[0]}, "types.MethodType(receiver, " + Node(create.args[0]) + ")") + ")";
      case NodeBase::kWeakref:
        if (create.args.empty()) return "new(" + i + ", None)  # a weakref needs its referent";
        return "new(" + i + ", " +
               Run({create.args[0]}, "weakref.ref(" + Node(create.args[0]) +
                                         (create.has_hook ? ", hook" + i : "") + ")") + ")";
    }
    return "new(" + i + ", None)  # node kind the script cannot make";
  }

  // The expression an item edge is set with; "" when `from`'s kind has no items.
  std::string AddItem(const gen::AddEdge& edge) const {
    const std::string from = Node(edge.from), to = Node(edge.to), index = Num(edge.index);
    switch (BaseOf(edge.from)) {
      case NodeBase::kList:
        return from + ".__setitem__(" + index + ", " + to + ") if " + index + " < len(" + from +
               ") else " + from + ".append(" + to + ")";
      case NodeBase::kDict:
        return from + ".__setitem__(" + index + ", " + to + ")";
      case NodeBase::kSet:
        return from + ".add(" + to + ")";
      case NodeBase::kClosure:
        return "setattr(" + from + ".__closure__[0], \"cell_contents\", " + to + ")";
      default:
        return "";
    }
  }

  std::string RemoveItem(const gen::RemoveEdge& edge) const {
    const std::string from = Node(edge.from), index = Num(edge.index);
    switch (BaseOf(edge.from)) {
      case NodeBase::kList:
        return index + " < len(" + from + ") and " + from + ".__delitem__(" + index + ")";
      case NodeBase::kDict:
        return from + ".pop(" + index + ", None)";
      case NodeBase::kSet:
        return from + ".clear()";
      case NodeBase::kClosure:
        return "delattr(" + from + ".__closure__[0], \"cell_contents\")";
      default:
        return "";
    }
  }

  // `line` as the body of `opening` (a call ending in "lambda: "), its comment kept outside.
  static std::string Wrapped(const std::string& opening, std::string line) {
    std::string comment;
    if (const size_t at = line.find("  # "); at != std::string::npos) {
      comment = line.substr(at);
      line.resize(at);
    }
    if (line.rfind("roots[", 0) == 0) {  // an assignment (a drop): not allowed in a lambda
      line = "roots.__setitem__(" + line.substr(6, line.find(']') - 6) + ", None)";
    }
    return opening + line + ")" + comment;
  }

  // One statement per operation (an expression, so that it can run on a worker thread).
  std::string OpLine(const Op& op, NodeId created_id) const {
    const std::string no_op = "pass  # does not apply to this node's kind (a no-op in the executor)";
    return std::visit(
        Overloaded{
            [&](const CreateNode& create) { return CreateLine(create, created_id); },
            [&](const gen::AddEdge& edge) {
              const std::string from = Node(edge.from), to = Node(edge.to), index = Num(edge.index);
              switch (edge.via) {
                case EdgeVia::kSlot:
                  if (ModuleMode()) return Run({edge.from, edge.to}, "fx.set_slot(" + from + ", " + index + ", " + to + ")");
                  return Run({edge.from, edge.to}, from + ".set_slot(" + index + ", " + to + ")");
                case EdgeVia::kAttribute:
                  return Run({edge.from, edge.to}, "setattr(" + from + ", \"a" + index + "\", " + to + ")");
                case EdgeVia::kClassAttribute:
                  if (!HasOwnClass(edge.from)) return no_op;
                  return Run({edge.from, edge.to}, "setattr(type(" + from + "), \"a" + index + "\", " + to + ")");
                case EdgeVia::kItem: {
                  const std::string body = AddItem(edge);
                  return body.empty() ? no_op : Run({edge.from, edge.to}, body);
                }
              }
              return no_op;
            },
            [&](const gen::RemoveEdge& edge) {
              const std::string from = Node(edge.from), index = Num(edge.index);
              switch (edge.via) {
                case EdgeVia::kSlot:
                  if (ModuleMode()) return Run({edge.from}, "fx.clear_slot(" + from + ", " + index + ")");
                  return Run({edge.from}, from + ".clear_slot(" + index + ")");
                case EdgeVia::kAttribute:
                  return Run({edge.from}, "delattr(" + from + ", \"a" + index + "\")");
                case EdgeVia::kClassAttribute:
                  if (!HasOwnClass(edge.from)) return no_op;
                  return Run({edge.from}, "delattr(type(" + from + "), \"a" + index + "\")");
                case EdgeVia::kItem: {
                  const std::string body = RemoveItem(edge);
                  return body.empty() ? no_op : Run({edge.from}, body);
                }
              }
              return no_op;
            },
            [&](const DropRoot& drop) { return "roots[" + Num(drop.node) + "] = None"; },
            [&](const KeepAlive& keep) { return "run(kept.append, " + Num(keep.node) + ")"; },
            [&](const gen::Touch& touch) { return "touch(node(" + Num(touch.node) + "))"; },
            [&](const gen::CallMethod& call) {
              if (call.method >= catalog_.method_count()) return std::string("pass  # unknown method");
              const std::string receiver = Node(call.receiver);
              const std::string argument = call.has_argument ? Node(call.argument) : "";
              std::vector<NodeId> ids = {call.receiver};
              if (call.has_argument) ids.push_back(call.argument);
              const std::string run = Run(ids, receiver + "." + catalog_.method_names[call.method] +
                                                   "(" + argument + ")");
              return "call" + run.substr(3);  // call(lambda ...): keeps a new result
            },
            [&](const gen::Collect& collect) { return "gc.collect(" + Num(collect.generation) + ")"; },
            [&](const SetGcEnabled& set) { return std::string(set.enabled ? "gc.enable()" : "gc.disable()"); },
            [&](const SetThresholds& t) {
              return "gc.set_threshold(" + Num(t.threshold0) + ", " + Num(t.threshold1) + ", " +
                     Num(t.threshold2) + ")";
            },
            [&](const Lifecycle&) {
              return std::string("pass  # an interpreter lifecycle event: a script cannot reproduce it");
            },
        },
        op.body);
  }

  // A script cannot finalize its own interpreter, so the lifecycle is translated:
  // subinterpreter k's operations are collected and run in one subinterpreter of the
  // script's (sub(...)) when k ends (its end event, a restart, or the end of the program);
  // the main interpreter's operations before a restart run the same way, in a
  // subinterpreter standing in for the interpreter the restart finalizes. Operations of a
  // session therefore run together, after the main-interpreter operations between them.
  void Operations(std::string* out) {
    int restarts_left = 0;
    for (const Op& op : program_.ops) restarts_left += IsEvent(op, LifecycleEvent::kRestart);
    std::map<int, Session> running;  // by interpreter; 0: the session a restart will end
    if (restarts_left > 0) running[0].started = "the start";
    // fx.check() first takes the leak oracle's baselines, as the host does before an input.
    *out += "gc.freeze(); fx.check()  # as the fuzzer's host: collections see the program's objects only\n";
    NodeId created = 0;
    for (size_t index = 0; index < program_.ops.size(); ++index) {
      const Op& op = program_.ops[index];
      const std::string text = OpToText(op, created, kinds_, catalog_);
      const std::string where = "op " + Num(static_cast<int>(index));
      if (const auto* event = std::get_if<Lifecycle>(&op.body)) {
        if (event->event == LifecycleEvent::kStartInterpreter && !running.count(op.interpreter)) {
          running[op.interpreter].started = where;
        } else if (event->event == LifecycleEvent::kEndInterpreter && op.interpreter != 0 &&
                   running.count(op.interpreter)) {
          EndSession(op.interpreter, where, &running, out);
        } else if (event->event == LifecycleEvent::kRestart) {
          while (!running.empty()) EndSession(running.rbegin()->first, where, &running, out);
          if (--restarts_left > 0) running[0].started = where;
        }
        continue;
      }
      std::string line = OpLine(op, created);
      created += std::holds_alternative<CreateNode>(op.body);
      if (op.interpreter != 0 && !running.count(op.interpreter)) {
        *out += "# " + where + " runs in interpreter " + Num(op.interpreter) + ", which is not running: " + text + "\n";
        continue;
      }
      // A subclass creation is two lines: the class, then the node.
      std::string prefix;
      if (const size_t newline = line.rfind('\n'); newline != std::string::npos) {
        prefix = line.substr(0, newline + 1);
        line = line.substr(newline + 1);
      }
      // A module has no allocation failures to inject (the executor skips them too).
      if (op.fail_allocation != 0 && !ModuleMode() && line.rfind("pass", 0) != 0) {
        line = Wrapped("failing(" + Num(op.fail_allocation) + ", lambda: ", line);
      }
      if (op.thread != 0 && line.rfind("pass", 0) != 0) {
        line = Wrapped("on_thread(" + Num(op.thread) + ", lambda: ", line);
      }
      const bool commented = line.find("  # ") != std::string::npos;
      const std::string full = prefix + line + (commented ? "; " : "  # ") + where + ": " + text + "\n";
      const auto session = running.find(op.interpreter);
      if (session != running.end()) {
        session->second.code += full;
      } else {
        *out += full;
      }
    }
    while (!running.empty()) EndSession(running.rbegin()->first, "the end of the program", &running, out);
  }

  struct Session {
    std::string started, code;
  };

  static bool IsEvent(const Op& op, LifecycleEvent event) {
    const auto* lifecycle = std::get_if<Lifecycle>(&op.body);
    return lifecycle != nullptr && lifecycle->event == event;
  }

  static void EndSession(int interpreter, const std::string& ended, std::map<int, Session>* running,
                         std::string* out) {
    const Session& session = running->at(interpreter);
    const std::string what = interpreter == 0 ? "the main interpreter until its restart"
                                              : "interpreter " + Num(interpreter);
    *out += "sub(r\'\'\'  # " + what + ", from " + session.started + " to " + ended +
            ": in a subinterpreter\n" + session.code + "\'\'\')\n";
    running->erase(interpreter);
  }

  void FinalStep(std::string* out) const {
    // A SystemError while the final step drops the roots (a dealloc that left an error set)
    // is an unexpected-exception the executor records and goes on: so does the script.
    *out += "try: roots.update(dict.fromkeys(roots))  # the final step: drop every root, collect, touch survivors\n"
            "except SystemError: pass\n";
    *out += std::string(needs_.results ? "results.clear(); " : "") + "gc.collect()\n";
    const std::string survivors = JoinWanted({{needs_.kept, "kept"}, {needs_.resurrected, "resurrected"},
                                              {true, "fx.resurrected()"}, {needs_.stash, "stash"}});
    const bool one = survivors == "fx.resurrected()";
    *out += one ? "for o in fx.resurrected(): touch(o)\n"
                : "for survivors in (" + survivors + "): [touch(o) for o in survivors]\n";
    const std::string clear = JoinWanted({{needs_.kept, "kept"}, {needs_.resurrected, "resurrected"},
                                          {needs_.stash, "stash"}, {true, "fx.resurrected()"}},
                                         "[:]");
    *out += std::string("for ") + (needs_.hooks ? "active" : "hooks_on") + " in (True, False): del " +
            clear + "; gc.collect()\n";
    *out += std::string(needs_.gc_state ? "gc.enable(); gc.set_threshold(*thresholds); " : "") +
            "roots.clear(); trackers.clear(); gc.collect(); sys.exit(fx.check())  # the leak oracle\n";
  }

  const Program& program_;
  const KindCatalog& catalog_;
  const ScriptOptions& options_;
  const std::vector<NodeKind> kinds_;
  Needs needs_;
  mutable std::set<std::string> defined_classes_;
};

}  // namespace

std::string ToScript(const Program& program, const KindCatalog& catalog, const ScriptOptions& options) {
  return ScriptWriter(program, catalog, options).Write();
}

}  // namespace gcfuzz::gen
