"""gcfuzz discovery probe: run BY THE INTERPRETER BEING FUZZED, one job per child process.

    python -I -B probe.py JOB_JSON

The CLI (explore.py) starts it; this script decides nothing. It imports the module, tries
calls, and reports what happened as JSON lines on its original stdout:

  {"event": "start", "label": ..., "kind": ..., "code": ...}   before every trial
  {"event": "end", "label": ...}                                after it
  {"event": "result", ...}                                      once, at the end

so when the process dies or hangs, the last "start" without an "end" names the trial and
carries the exact code that was running (the reproducer). The module's own prints go to
stderr: fd 1 is duplicated for the events and then pointed at fd 2.

A trial is a few statements exec'd in a fresh namespace, then its names deleted and a full
collection run (a crash in dealloc or in traverse belongs to the trial that made the
objects). A "node" argument is a fresh list, a dict, an instance of the class itself or of
another class discovery could construct.

One file on purpose: it runs with -I in an interpreter whose sys.path is the user's, so
nothing of it is imported from there, and nothing of it can shadow a module of theirs.
Kept runnable by CPython 3.6: no f-strings (nor their 3.8 `=`), walrus, match or
positional-only parameters.
"""
import ast
import gc
import json
import os
import re
import sys
import traceback
import types

try:
    import builtins
except ImportError:  # pragma: no cover - Python 2 is told below
    builtins = None

HEAPTYPE = 1 << 9
BASETYPE = 1 << 10
HAVE_GC = 1 << 14
# Node kinds every call is tried with; other classes' instances only when these fail.
PLAIN = ("list", "dict")
OTHERS_TRIED = 4
CONSTRUCT_FORMS = [(), ("list",), ("dict",), ("list", "list"), ("dict", "dict"), ("list", "dict")]
CALL_FORMS = [(), ("list",), ("dict",), ("same",), ("list", "list"), ("dict", "dict"),
              ("list", "dict"), ("same", "same")]
MAX_TRIALS = 3000
ARITY_COMPLAINT = re.compile(
    r"takes (no|exactly|at most|at least|from|\d+)|expected (at most |at least )?\d+ arguments?"
    r"|missing \d+ required|missing required argument|\(\d+ given\)"
    r"|\d+ positional arguments? but \d+|unexpected keyword|must have at least"
    r"|arguments? \(\d+ given\)|needs an argument|takes no arguments|expected \d+ argument")

_events_fd = None


def emit(fields):
    data = (json.dumps(fields) + "\n").encode("utf-8")
    while data:
        written = os.write(_events_fd, data)
        data = data[written:]


def take_stdout():
    """Keeps fd 1 for events; whatever the module prints goes to stderr."""
    global _events_fd
    sys.stdout.flush()
    _events_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr


def last_line(error):
    lines = traceback.format_exception_only(type(error), error)
    text = (lines[-1] if lines else type(error).__name__).strip()
    return text[:300]


def short(error):
    return {"type": type(error).__name__, "message": str(error).split("\n")[0][:200]}


class AdapterError(Exception):
    def __init__(self, line, message):
        Exception.__init__(self, message)
        self.line = line
        self.message = message


def line_in_file(tb, path):
    """The line of the innermost traceback frame that is in `path` (the adapter)."""
    line = None
    real = os.path.realpath(path)
    while tb is not None:
        if os.path.realpath(tb.tb_frame.f_code.co_filename) == real:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class Adapter:
    """The adapter file as the target interpreter sees it. Factories are looked up in
    its namespace, which also gets the module's names once the module is imported."""

    def __init__(self, path):
        self.path = path
        self.namespace = {"__name__": "gcfuzz_adapter", "__file__": path,
                          "__builtins__": builtins}
        self.factories, self.skip, self.releasing, self.setup = {}, [], {}, ""
        self.lines = {}
        if path is None:
            return
        with open(path) as handle:
            source = handle.read()
        try:
            code = compile(source, path, "exec")
        except SyntaxError as error:
            raise AdapterError(error.lineno, "syntax error: %s" % error.msg)
        for node in ast.parse(source).body:
            targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
            for target in targets:
                if isinstance(target, ast.Name):
                    self.lines.setdefault(target.id, node.lineno)
        try:
            exec(code, self.namespace)
        except Exception as error:
            raise AdapterError(line_in_file(sys.exc_info()[2], path), last_line(error))
        self.factories = self._value("FACTORIES", dict, {})
        self.skip = list(self._value("SKIP", (list, tuple, set), []))
        self.releasing = self._value("RELEASING", dict, {})
        self.setup = self._value("SETUP", str, "")
        for name, factory in self.factories.items():
            if not isinstance(name, str) or not callable(factory):
                raise AdapterError(self.lines.get("FACTORIES"),
                                   "FACTORIES maps class names to callables; %r is not" % name)
        if not all(isinstance(name, str) for name in self.skip):
            raise AdapterError(self.lines.get("SKIP"), "SKIP is a list of names")
        for name, methods in self.releasing.items():
            if not isinstance(methods, (list, tuple)) or not all(
                    isinstance(m, str) for m in methods):
                raise AdapterError(self.lines.get("RELEASING"),
                                   "RELEASING maps class names to lists of method names")

    def _value(self, key, kinds, default):
        value = self.namespace.get(key, default)
        if not isinstance(value, kinds):
            raise AdapterError(self.lines.get(key), "%s has the wrong type (%s)"
                               % (key, type(value).__name__))
        return value

    def run_setup(self):
        if not self.setup:
            return
        try:
            exec(compile(self.setup, "<SETUP>", "exec"), self.namespace)
        except Exception as error:
            raise AdapterError(self.lines.get("SETUP"), "SETUP failed: %s" % last_line(error))

    def see_module(self, module):
        for name in dir(module):
            try:
                self.namespace.setdefault(name, getattr(module, name))
            except Exception:
                pass
        root = module.__name__.split(".")[0]
        self.namespace.setdefault(root, sys.modules.get(root, module))


class Fill:
    """How a trial makes obj hold a node: obj.<method>(arg0), or obj[key] = arg0."""

    def __init__(self, node, method=None, key=None):
        self.node, self.method, self.key = node, method, key

    def statement(self, arg):
        if self.method:
            return "obj.%s(%s)" % (self.method, arg)
        return "obj[%r] = %s" % (self.key, arg)

    def lines(self, arg="arg0"):
        return ["%s = %s" % (arg, self.node), self.statement(arg)]

    def expression(self, maker):
        """A filled instance as one expression (for the recipe of a result)."""
        if self.method:
            store = "obj.%s(%s)" % (self.method, self.node)
        else:
            store = "obj.__setitem__(%r, %s)" % (self.key, self.node)
        return "(lambda obj: (%s, obj)[1])(%s)" % (store, maker)


class Outcome:
    def __init__(self, skipped=False, crashed=False):
        self.skipped = skipped
        self.crashed = crashed  # skipped because it crashed or hung in an earlier child
        self.error = None   # {"type", "message"} when the body raised
        self.info = None

    @property
    def ok(self):
        return not self.skipped and self.error is None

    @property
    def accepted(self):
        """The call got past argument parsing: it returned, or raised something that is
        not a complaint about the number of arguments."""
        if self.skipped:
            return False
        if self.error is None:
            return True
        if self.error["type"] != "TypeError":
            return True
        return False

    @property
    def arity_complaint(self):
        return (self.error is not None and self.error["type"] == "TypeError"
                and ARITY_COMPLAINT.search(self.error["message"]) is not None)


class Probe:
    def __init__(self, job):
        self.job = job
        self.module_name = job["module"]
        self.skip_labels = set(job.get("skip") or ())
        deny = job.get("deny") or {}
        self.deny = [re.compile(pattern) for pattern in deny.get("everywhere", ())]
        self.deny_functions = [re.compile(pattern) for pattern in deny.get("functions", ())]
        self.trials = 0
        self.skipped = []
        self.found = {}      # key -> result-only class seen in a result
        self.known = set(job.get("known") or ())
        self.module = None
        self.adapter = None
        self.imports = ["import %s" % self.module_name]
        self.base_refs = self._base_refs()
        self.so_ranges = []

    # -- trials --------------------------------------------------------------------
    @staticmethod
    def _base_refs():
        holder = {"x": []}
        return sys.getrefcount(holder["x"])

    def trial(self, label, lines, names, inspect=None, kind="trial"):
        if label in self.skip_labels or self.trials >= MAX_TRIALS:
            self.skipped.append(label)
            return Outcome(skipped=True, crashed=label in self.skip_labels)
        self.trials += 1
        body = "\n".join(self.imports + list(lines)) + "\n"
        teardown = ("del %s\n" % ", ".join(names) if names else "") + "import gc\ngc.collect()\n"
        emit({"event": "start", "label": label, "kind": kind, "code": body + teardown})
        namespace = {"__name__": "__gcfuzz_trial__", "__builtins__": builtins,
                     "FACTORIES": self.adapter.factories}
        outcome = Outcome()
        try:
            exec(compile(body, "<gcfuzz trial>", "exec"), namespace)
        except BaseException as error:  # SystemExit too: a trial must not end the probe
            outcome.error = short(error)
        if inspect is not None:
            try:
                outcome.info = inspect(namespace)
            except Exception as error:
                outcome.info = {"inspect_error": last_line(error)}
        for name in names:
            namespace.pop(name, None)
        namespace.clear()
        gc.collect()
        emit({"event": "end", "label": label})
        return outcome

    def extra_refs(self, namespace, name):
        """References to namespace[name] beyond the namespace's own, not counting those
        held by the other names we bound to builtin containers or to it directly."""
        if name not in namespace:
            return 0
        # Counted before `value` is bound here, as _base_refs counts.
        count = sys.getrefcount(namespace[name]) - self.base_refs
        value = namespace[name]
        for other, held in namespace.items():
            if other == name or other == "obj":
                continue
            if held is value:
                count -= 1
            elif type(held) in (list, tuple, dict, set):
                count -= sum(1 for r in gc.get_referents(held) if r is value)
        return count

    def denied(self, *names, **scope):
        patterns = self.deny + (self.deny_functions if scope.get("function") else [])
        for name in names:
            for pattern in patterns:
                if pattern.match(name):
                    return True
        return False

    # -- what belongs to the module ---------------------------------------------------
    def in_family(self, module_name):
        name = self.module_name
        return module_name == name or module_name.startswith(name + ".")

    def load_ranges(self, files):
        wanted = set(os.path.realpath(f) for f in files if f)
        try:
            with open("/proc/self/maps") as handle:
                for line in handle:
                    parts = line.split()
                    if len(parts) >= 6 and os.path.realpath(parts[5]) in wanted:
                        low, high = parts[0].split("-")
                        self.so_ranges.append((int(low, 16), int(high, 16)))
        except (OSError, ValueError):
            pass

    def in_module_image(self, value):
        address = id(value)
        return any(low <= address < high for low, high in self.so_ranges)

    @staticmethod
    def python_defined(cls):
        """Made by a class statement (here or in a base): Python functions in its
        namespace, or the slots only a class statement adds."""
        for base in cls.__mro__:
            if base is object or getattr(builtins, base.__name__, None) is base:
                continue
            contents = vars(base)
            for value in contents.values():
                if isinstance(value, (classmethod, staticmethod)):
                    value = value.__func__
                if isinstance(value, types.FunctionType):
                    return True
            if base.__flags__ & HEAPTYPE and any(
                    key in contents for key in ("__slots__", "__dict__", "__weakref__")):
                return True
        return False

    def is_builtin_type(self, cls):
        return getattr(builtins, cls.__name__, None) is cls

    def exported_class_owned(self, cls):
        if self.is_builtin_type(cls):
            return False
        module_name = getattr(cls, "__module__", "") or ""
        return self.in_family(module_name) or not self.python_defined(cls)

    def result_type_owned(self, cls):
        if self.is_builtin_type(cls) or cls is type(None):
            return False
        module_name = getattr(cls, "__module__", "") or ""
        if self.in_family(module_name) or self.in_module_image(cls):
            return True
        if module_name == "builtins" or self.python_defined(cls):
            return False
        exporter = sys.modules.get(module_name)
        return not (exporter is not None and getattr(exporter, cls.__name__, None) is cls)

    @staticmethod
    def key_of(cls):
        return "%s.%s" % (getattr(cls, "__module__", "?"), getattr(cls, "__qualname__",
                                                                   cls.__name__))

    def note_result(self, value, expression, label, depth=0):
        """The type name of a result; an owned type nobody exported becomes a class."""
        cls = type(value)
        if self.result_type_owned(cls):
            key = self.key_of(cls)
            if key not in self.known and key not in self.found:
                self.found[key] = {"key": key, "name": cls.__qualname__,
                                   "module": cls.__module__, "maker": expression,
                                   "via": label}
        elif isinstance(value, (list, tuple)) and depth == 0:
            for index, item in enumerate(value[:3]):
                self.note_result(item, "%s[%d]" % (expression, index), label, depth + 1)
        return cls.__qualname__

    # -- starting up -------------------------------------------------------------------
    def start(self):
        """Adapter, SETUP, import. False (and the reason emitted) when that failed."""
        path = self.job.get("path")
        if path:
            sys.path.insert(0, path)
        try:
            self.adapter = Adapter(self.job.get("adapter"))
            self.adapter.run_setup()
        except AdapterError as error:
            emit({"event": "adapter_error", "line": error.line, "message": error.message})
            return False
        except (OSError, UnicodeDecodeError) as error:
            emit({"event": "adapter_error", "line": None, "message": last_line(error)})
            return False
        emit({"event": "start", "label": "import %s" % self.module_name, "kind": "import",
              "code": "import %s\n" % self.module_name})
        try:
            __import__(self.module_name)
            self.module = sys.modules[self.module_name]
        except BaseException as error:
            emit({"event": "import_error", "message": last_line(error)})
            return False
        emit({"event": "end", "label": "import %s" % self.module_name})
        self.adapter.see_module(self.module)
        self.load_ranges([getattr(self.module, "__file__", None)]
                         + [getattr(sys.modules.get(name), "__file__", None)
                            for name in self.job.get("submodules") or ()])
        for name in self.job.get("submodules") or ():
            self.imports.append("import %s" % name)
            try:
                __import__(name)
            except BaseException:
                pass
        return True

    # -- survey ------------------------------------------------------------------------
    def survey(self):
        classes, functions, seen = [], [], {}
        modules = [(self.module_name, self.module)] + self.submodules()
        for module_name, module in modules:
            for name in sorted(dir(module), key=lambda n: (n.startswith("_"), n)):
                try:
                    value = getattr(module, name)
                except Exception:
                    continue
                access = "%s.%s" % (module_name, name)
                if isinstance(value, type):
                    if not self.exported_class_owned(value):
                        continue
                    if id(value) in seen:  # an alias: keep the name the type gives itself
                        if name == value.__name__:
                            classes[seen[id(value)]] = self.class_entry(value, name, access)
                        continue
                    seen[id(value)] = len(classes)
                    classes.append(self.class_entry(value, name, access))
                elif (module is self.module and callable(value) and not name.startswith("_")
                      and not isinstance(value, types.ModuleType)):
                    functions.append({"name": name, "access": access})
        factories = []
        for name in sorted(self.adapter.factories):
            outcome = self.trial("factory %s" % name,
                                 ["obj = FACTORIES[%r]()" % name], ["obj"],
                                 inspect=lambda ns: {"type": self.key_of(type(ns["obj"]))}
                                 if "obj" in ns else None, kind="factory")
            if outcome.error is not None:
                line = self.factory_line(name)
                emit({"event": "adapter_error", "line": line,
                      "message": "factory %r raised %s: %s" % (
                          name, outcome.error["type"], outcome.error["message"])})
                return
            factories.append(name)
        emit({"event": "result", "task": "survey",
              "file": getattr(self.module, "__file__", None),
              "package": hasattr(self.module, "__path__"),
              "submodules": [name for name, _ in modules[1:]],
              "classes": classes, "functions": functions,
              "adapter": {"skip": self.adapter.skip, "releasing": self.adapter.releasing,
                          "factories": factories, "setup": bool(self.adapter.setup)},
              "python": sys.version.split()[0]})

    def factory_line(self, name):
        """The line of the factory that raised: call it again here, outside the trial,
        for its traceback (the trial only kept the message)."""
        try:
            self.adapter.factories[name]()
        except Exception:
            line = line_in_file(sys.exc_info()[2], self.adapter.path)
            if line is not None:
                return line
        return self.adapter.lines.get("FACTORIES")

    def submodules(self):
        """A package's extension submodules (one level), when importing them is cheap."""
        found = []
        paths = getattr(self.module, "__path__", None)
        if not paths:
            return found
        try:
            import importlib.machinery
            import pkgutil
            suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
            for info in list(pkgutil.iter_modules(paths))[:200]:
                spec = info.module_finder.find_spec(info.name) if hasattr(
                    info.module_finder, "find_spec") else None
                origin = getattr(spec, "origin", None) or ""
                if not origin.endswith(suffixes):
                    continue
                full = "%s.%s" % (self.module_name, info.name)
                emit({"event": "start", "label": "import %s" % full, "kind": "import",
                      "code": "import %s\n" % full})
                try:
                    __import__(full)
                    found.append((full, sys.modules[full]))
                except BaseException:
                    pass
                emit({"event": "end", "label": "import %s" % full})
                if len(found) >= 20:
                    break
        except Exception:
            pass
        return found

    def class_entry(self, cls, name, access):
        return {"key": self.key_of(cls), "name": name, "type_name": cls.__qualname__,
                "module": getattr(cls, "__module__", ""), "access": access,
                "exception": issubclass(cls, BaseException)}

    # -- one class ---------------------------------------------------------------------
    def explore_class(self):
        spec = self.job["class"]
        self.known.add(spec["key"])
        makers = self.job.get("makers") or []
        self.others = [(key, name, maker) for key, name, maker in makers if key != spec["key"]]
        report = {"event": "result", "task": "class", "key": spec["key"], "name": spec["name"],
                  "origin": spec.get("origin", "exported")}
        cls, maker = None, spec.get("maker")
        if spec.get("access"):
            try:
                cls = eval(spec["access"], {self.module_name.split(".")[0]:
                                            sys.modules[self.module_name.split(".")[0]]})
            except Exception as error:
                report["problem"] = "cannot read %s: %s" % (spec["access"], last_line(error))
        if cls is None and maker:
            outcome = self.trial("make %s" % spec["name"], ["obj = %s" % maker], ["obj"],
                                 inspect=lambda ns: ns.get("obj").__class__)
            cls = outcome.info if outcome.ok else None
            if cls is None:
                report["problem"] = "its recipe %s raised %s" % (
                    maker, (outcome.error or {}).get("type", "nothing"))
        if cls is None:
            emit(report)
            return
        self.cls = cls
        self.cls_expr = spec.get("access") or "type(%s)" % maker
        report.update(self.type_facts(cls))
        if spec.get("access"):
            if self.denied(spec["name"], spec["access"]):
                report["denied_class"] = True
                emit(report)
                return
            report["construct"] = self.construct(spec["name"], spec["access"])
            maker = report["construct"].get("maker")
        report["maker"] = maker
        self.maker = maker
        if maker:
            self.explore_instance(spec["name"], cls, report)
        report["found"] = list(self.found.values())
        report["trials"] = self.trials
        report["skipped"] = self.skipped
        emit(report)

    def type_facts(self, cls):
        flags = cls.__flags__
        doc = getattr(cls, "__doc__", None)
        doc = doc.strip().split("\n")[0] if isinstance(doc, str) else ""
        signature = getattr(cls, "__text_signature__", None)
        if not isinstance(signature, str):
            signature = None
        return {"type_name": cls.__qualname__, "module": getattr(cls, "__module__", ""),
                "heap": bool(flags & HEAPTYPE), "gc_type": bool(flags & HAVE_GC),
                "basetype": bool(flags & BASETYPE),
                "exception": issubclass(cls, BaseException),
                "python_defined": self.python_defined(cls),
                "hint": signature or doc[:200]}

    def node(self, kind, same=None):
        if kind == "list":
            return "[]"
        if kind == "dict":
            return "{}"
        if kind == "same":
            return same
        for key, _, maker in self.others:
            if key == kind:
                return maker
        raise KeyError(kind)

    def node_forms(self, forms, same):
        """The forms that can be written now ("same" needs a maker already)."""
        return [form for form in forms if same is not None or "same" not in form]

    def call_lines(self, receiver, callee, form, same, result="result"):
        lines = ([] if receiver is None else ["obj = %s" % receiver])
        args = []
        for index, kind in enumerate(form):
            lines.append("arg%d = %s" % (index, self.node(kind, same)))
            args.append("arg%d" % index)
        lines.append("%s = %s(%s)" % (result, callee, ", ".join(args)))
        # The result goes first: the check of what the receiver keeps drops it first.
        names = ([result] if result != "obj" else []) + (
            [] if receiver is None else ["obj"]) + args + ([result] if result == "obj" else [])
        return lines, names

    def keeps(self, namespace, form):
        return [i for i in range(len(form)) if self.extra_refs(namespace, "arg%d" % i) > 0]

    def construct(self, name, access):
        result = {"forms": [], "tried": 0}
        if name in self.adapter.factories:
            outcome = self.trial("construct %s by its factory" % name,
                                 ["obj = FACTORIES[%r]()" % name], ["obj"])
            if outcome.ok:
                result.update(factory=True, maker="FACTORIES[%r]()" % name)
                return result
            result["factory_error"] = outcome.error
        first_error = None
        for round_forms in (CONSTRUCT_FORMS, None):
            if round_forms is None:  # nothing plain worked: other classes' instances
                if result["forms"]:
                    break
                round_forms = [(key,) for key, _, _ in self.others[:OTHERS_TRIED]]
            for form in round_forms:
                label = "construct %s(%s)" % (name, ", ".join(form))
                lines, names = self.call_lines(None, access, form, None, result="obj")
                outcome = self.trial(label, lines, names,
                                     inspect=lambda ns, form=form: self.keeps(ns, form))
                result["tried"] += 1
                if outcome.ok:
                    result["forms"].append({"args": list(form), "keeps": outcome.info or []})
                elif outcome.crashed:
                    result.setdefault("crashed", []).append(list(form))
                elif first_error is None and not outcome.skipped:
                    first_error = dict(outcome.error, args=list(form))
        if not result["forms"]:
            result["error"] = first_error
            return result
        form = result["forms"][0]["args"]
        result["maker"] = "%s(%s)" % (access, ", ".join(self.node(k) for k in form))
        same = result["maker"]
        for form in (("same",), ("same", "same")):
            lines, names = self.call_lines(None, access, form, same, result="obj")
            outcome = self.trial("construct %s(%s)" % (name, ", ".join(form)), lines, names,
                                 inspect=lambda ns, form=form: self.keeps(ns, form))
            if outcome.ok:
                result["forms"].append({"args": list(form), "keeps": outcome.info or []})
        if any(f["args"] == ["list"] for f in result["forms"]):
            for what, literal in (("iterable", "[node]"), ("mapping", "{'k': node}")):
                outcome = self.trial(
                    "construct %s from %s of nodes" % (name, "an " + what if what[0] == "i"
                                                        else "a " + what),
                    ["node = []", "obj = %s(%s)" % (access, literal)], ["obj", "node"],
                    inspect=lambda ns: self.extra_refs(ns, "node") > 0)
                result["from_" + what] = bool(outcome.ok and outcome.info)
        return result

    def public_methods(self, cls, display):
        methods, denied = [], []
        for name in dir(cls):
            if name.startswith("_"):
                continue
            try:
                value = getattr(cls, name)
            except Exception:
                continue
            static = self.static_lookup(cls, name)
            if hasattr(type(static), "__set__") or isinstance(value, type) or not callable(value):
                continue
            if self.denied(name, "%s.%s" % (display, name)):
                denied.append(name)
            else:
                methods.append(name)
        return methods, denied

    @staticmethod
    def static_lookup(cls, name):
        for base in cls.__mro__:
            if name in vars(base):
                return vars(base)[name]
        return None

    def try_calls(self, what, receiver, callee, same, with_others=True):
        """Calls of one callable with 0, 1, 2 nodes: the forms accepted, what they kept,
        what they returned."""
        entry = {"calls": [], "arities": []}
        forms = self.node_forms(CALL_FORMS, same)
        type_complaints = set()  # arities refused for the kind of node, not the count
        for form in forms:
            self.try_form(entry, what, receiver, callee, form, same, type_complaints)
        if with_others and 1 not in entry["arities"] and 0 not in entry["arities"]:
            for key, _, _ in self.others[:OTHERS_TRIED]:
                self.try_form(entry, what, receiver, callee, (key,), same, type_complaints)
        entry["type_rejected"] = sorted(type_complaints - set(entry["arities"]))
        entry["keeps"] = any(call["keeps"] for call in entry["calls"])
        return entry

    def try_form(self, entry, what, receiver, callee, form, same, type_complaints):
        label = "call %s(%s)" % (what, ", ".join(form))
        lines, names = self.call_lines(receiver, callee, form, same)
        expression = "%s(%s)" % (callee.replace("obj.", "%s." % receiver, 1)
                                 if receiver else callee,
                                 ", ".join(self.node(k, same) for k in form))

        def inspect(ns):
            info = {}
            if "result" in ns:
                info["returns"] = self.note_result(ns["result"], expression, label)
            ns.pop("result", None)
            info["keeps"] = self.keeps(ns, form)
            return info
        outcome = self.trial(label, lines, names, inspect=inspect)
        if outcome.crashed:
            entry.setdefault("crashed", []).append(list(form))
        if outcome.skipped:
            return
        arity = len(form)
        if outcome.accepted:
            call = {"args": list(form), "keeps": (outcome.info or {}).get("keeps", []),
                    "returns": (outcome.info or {}).get("returns")}
            if outcome.error is not None:
                call["raises"] = outcome.error["type"]
            entry["calls"].append(call)
            if arity not in entry["arities"]:
                entry["arities"].append(arity)
        elif not outcome.arity_complaint:
            type_complaints.add(arity)

    def explore_instance(self, name, cls, report):
        """Each part on its own: a surprise in one (an odd type, a probe bug) is reported
        and the others still run."""
        report.update(methods=[], denied=[], attributes=[], dict=None, setitem=None,
                      iteration={}, instance={}, probe_errors=[])

        def part(what, function):
            try:
                function()
            except Exception as error:
                report["probe_errors"].append("%s: %s" % (what, last_line(error)))

        def methods():
            found, report["denied"] = self.public_methods(cls, name)
            for method in found:
                entry = self.try_calls("%s.%s" % (name, method), self.maker,
                                       "obj.%s" % method, self.maker)
                entry["name"] = method
                report["methods"].append(entry)

        def attributes():
            report["attributes"], report["dict"] = self.attributes(name, cls)
        part("methods", methods)
        part("attributes", attributes)
        keeper = self.keeper(report["methods"])
        part("setitem", lambda: report.update(setitem=self.setitem(name, keeper)))
        fill = keeper
        if fill is None and (report["setitem"] or {}).get("stores"):
            fill = Fill("[]", key=report["setitem"]["key"])
        part("iteration", lambda: report.update(iteration=self.iteration(name, fill)))
        part("releasing", lambda: self.releasing_guess(name, report["methods"], fill))
        part("collections", lambda: self.collection_style(name, report["methods"]))
        part("flags", lambda: report.update(instance=self.instance_flags(name)))

    def keeper(self, methods):
        """A method that stores its one node argument (append-style), and the node kind it
        takes, preferring the commonest names; None when there is none."""
        candidates = []
        for method in methods:
            for call in method["calls"]:
                if len(call["args"]) == 1 and call["keeps"] == [0] and "raises" not in call:
                    candidates.append(Fill(self.node(call["args"][0], self.maker),
                                           method=method["name"]))
                    break
        for preferred in ("append", "add", "push", "put", "insert", "appendleft"):
            for fill in candidates:
                if fill.method == preferred:
                    return fill
        return candidates[0] if candidates else None

    def attributes(self, name, cls):
        found = []
        for attr in dir(cls):
            if attr.startswith("__") and attr.endswith("__"):
                continue
            static = self.static_lookup(cls, attr)
            if static is None or not hasattr(type(static), "__set__"):
                continue
            if self.denied(attr, "%s.%s" % (name, attr)):
                continue
            kind = {"member_descriptor": "member", "getset_descriptor": "getset",
                    "property": "property"}.get(type(static).__name__, type(static).__name__)
            entry = {"name": attr, "kind": kind, "writable": None}
            read = self.trial("read %s.%s" % (name, attr),
                              ["obj = %s" % self.maker, "value = obj.%s" % attr],
                              ["value", "obj"],
                              inspect=lambda ns, attr=attr: self.note_result(
                                  ns["value"], "%s.%s" % (self.maker, attr),
                                  "read %s.%s" % (name, attr)) if "value" in ns else None)
            entry["reads"] = read.info if read.ok else None
            for kind_name in PLAIN:
                outcome = self.trial(
                    "set %s.%s = %s" % (name, attr, kind_name),
                    ["obj = %s" % self.maker, "arg0 = %s" % self.node(kind_name),
                     "obj.%s = arg0" % attr, "back = obj.%s" % attr],
                    ["back", "obj", "arg0"],
                    inspect=lambda ns: {"same": ns.get("back") is ns.get("arg0"),
                                        "keeps": self.extra_refs(ns, "arg0") > 0})
                if outcome.ok:
                    entry["writable"] = kind_name
                    entry["stores"] = bool(outcome.info and outcome.info["same"])
                    entry.pop("rejects", None)
                    break
                if outcome.error is not None:
                    entry["rejects"] = outcome.error["type"]
            found.append(entry)
        outcome = self.trial("set %s.gcfuzz_attribute = list (instance __dict__)" % name,
                             ["obj = %s" % self.maker, "arg0 = []",
                              "obj.gcfuzz_attribute = arg0", "back = obj.gcfuzz_attribute"],
                             ["back", "obj", "arg0"],
                             inspect=lambda ns: ns.get("back") is ns.get("arg0"))
        has_dict = bool(outcome.ok and outcome.info) if not outcome.skipped else None
        return found, has_dict

    def setitem(self, name, keeper):
        """obj[key] = node: a str key (mapping), an int key (sequence), an int key after
        the keeper method made the sequence non-empty."""
        tries = [("str", "'k'", None), ("int", "0", None)]
        if keeper:
            tries.append(("int", "0", keeper))
        for key_kind, key, prefill in tries:
            lines = ["obj = %s" % self.maker]
            names = ["back", "obj", "arg0"]
            if prefill:
                lines += prefill.lines("arg1")
                names.append("arg1")
            lines += ["arg0 = []", "obj[%s] = arg0" % key, "back = obj[%s]" % key]
            label = "setitem %s[%s] = list%s" % (name, key, " after %s" % prefill.method
                                                  if prefill else "")
            outcome = self.trial(label, lines, names,
                                 inspect=lambda ns: {"same": ns.get("back") is ns.get("arg0"),
                                                     "keeps": self.extra_refs(ns, "arg0") > 0})
            if outcome.ok:
                return {"key": eval(key), "key_kind": key_kind,
                        "prefill": prefill.method if prefill else None,
                        "stores": bool(outcome.info and outcome.info["keeps"]),
                        "reads_back": bool(outcome.info and outcome.info["same"])}
        return None

    def iteration(self, name, fill):
        """iter() and reversed() of an instance (holding a node when it can): the
        iterator's type and the items' are results."""
        result = {}
        for how in ("iter", "reversed"):
            lines = ["obj = %s" % self.maker] + (fill.lines() if fill else [])
            lines += ["it = %s(obj)" % how, "items = list(it)"]
            names = ["items", "it", "obj"] + (["arg0"] if fill else [])
            filled = fill.expression(self.maker) if fill else self.maker

            def inspect(ns, how=how, filled=filled):
                info = {"iterator": self.note_result(ns["it"], "%s(%s)" % (how, filled),
                                                     "%s %s" % (how, name))}
                items = ns.get("items") or []
                if items:
                    info["items"] = self.note_result(items[0], "next(%s(%s))" % (how, filled),
                                                     "%s %s" % (how, name))
                return info
            outcome = self.trial("%s %s%s" % (how, name, " (filled)" if fill else ""),
                                 lines, names, inspect=inspect)
            if outcome.ok:
                result[how] = outcome.info
        return result

    def releasing_guess(self, name, methods, fill):
        """A method that, called with no argument on an instance holding a node, drops
        the instance's reference to it."""
        for entry in methods:
            entry["releases"] = False
            if not fill or 0 not in entry["arities"] or fill.method == entry["name"]:
                continue
            outcome = self.trial(
                "release %s.%s()" % (name, entry["name"]),
                ["obj = %s" % self.maker] + fill.lines() + ["result = obj.%s()" % entry["name"]],
                ["result", "obj", "arg0"], inspect=lambda ns: self.held_after_result(ns, "arg0"))
            entry["releases"] = bool(outcome.ok and outcome.info is not None
                                     and outcome.info <= 0)

    def held_after_result(self, namespace, name):
        """References to namespace[name] once the call's result is gone: the receiver's."""
        namespace.pop("result", None)
        return self.extra_refs(namespace, name)

    def collection_style(self, name, methods):
        """extend/update-style: one argument that is an iterable or a mapping of nodes."""
        for entry in methods:
            entry["from_iterable"] = entry["from_mapping"] = False
            if 1 not in entry["arities"] or entry["keeps"]:
                continue
            for what, literal in (("iterable", "[node]"), ("mapping", "{'k': node}")):
                outcome = self.trial(
                    "call %s.%s(%s of nodes)" % (name, entry["name"], what),
                    ["obj = %s" % self.maker, "node = []",
                     "result = obj.%s(%s)" % (entry["name"], literal)],
                    ["result", "obj", "node"],
                    inspect=lambda ns: self.held_after_result(ns, "node"))
                entry["from_" + what] = bool(outcome.ok and outcome.info)

    def instance_flags(self, name):
        flags = {}
        outcome = self.trial("gc.is_tracked(%s)" % name,
                             ["import gc", "obj = %s" % self.maker,
                              "tracked = gc.is_tracked(obj)"],
                             ["obj", "tracked"], inspect=lambda ns: ns.get("tracked"))
        flags["gc_tracked"] = outcome.info if outcome.ok else None
        outcome = self.trial("weakref.ref(%s)" % name,
                             ["import weakref", "obj = %s" % self.maker, "ref = weakref.ref(obj)"],
                             ["obj", "ref"])
        flags["weakref"] = outcome.ok if not outcome.skipped else None
        outcome = self.trial("subclass %s" % name,
                             ["Sub = type('Sub', (%s,), {})" % self.cls_expr], ["Sub"])
        flags["subclassable"] = outcome.ok if not outcome.skipped else None
        if outcome.error is not None:
            flags["subclass_error"] = outcome.error["message"]
        return flags

    # -- module-level functions ------------------------------------------------------
    def explore_functions(self):
        self.others = self.job.get("makers") or []
        entries, denied = [], []
        for function in self.job.get("functions") or ():
            if self.denied(function["name"], function["access"], function=True):
                denied.append(function["name"])
                continue
            entry = self.try_calls(function["access"], None, function["access"], None)
            entry["name"] = function["name"]
            entries.append(entry)
        emit({"event": "result", "task": "functions", "functions": entries, "denied": denied,
              "found": list(self.found.values()), "trials": self.trials,
              "skipped": self.skipped})


def main(argv):
    if sys.version_info < (3, 6):
        sys.stderr.write("gcfuzz discover needs CPython 3.6 or newer\n")
        return 4
    take_stdout()
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except Exception:
        pass
    try:
        import faulthandler
        faulthandler.enable()
    except Exception:
        pass
    job = json.loads(argv[1])
    probe = Probe(job)
    if not probe.start():
        return 0
    task = job["task"]
    if task == "survey":
        probe.survey()
    elif task == "class":
        probe.explore_class()
    elif task == "functions":
        probe.explore_functions()
    sys.stderr.flush()
    # No interpreter finalization: what it would crash in is not any trial's doing.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
