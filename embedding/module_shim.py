"""_gcfuzz_module: a user's extension module seen through the executor's fixture protocol.

Module mode (./gcfuzz fuzz --module NAME) runs the same programs as the catalog, over the
user's types instead of the fixtures. The executor knows a fixture module only by its
Python API (executor/fixture_adapter.h): KINDS, METHODS, RELEASING, and how a slot is set,
cleared and an object touched. This module provides that API for any module, from the
plan the CLI wrote (GCFUZZ_MODULE_PLAN: the module's name, --path, --adapter and the
discovery report of ./gcfuzz discover, which ran every trial in a child process first).

It is compiled into the fuzz targets (embedding/module_embedding.cc) and runs inside the
fuzzed interpreter, so it also holds the oracles that need Python for types gcfuzz did not
write:
  - traverse exactness (set_slot): an object stored in a descriptor or an item of a GC
    type, which reads back as itself, must be among gc.get_referents() of its holder (or
    of a plain container the holder owns); a type that is not a GC type and still holds a
    container hides every cycle through it;
  - leaks (after_input): after the final collection nothing the input made may survive
    (the startup heap is frozen, so what the collector still tracks is the input's);
  - use after clear (touch): survivors and what finalizers and weakref callbacks reach
    are read (attributes, repr, iteration, methods without arguments), so a field that
    tp_clear emptied is used under the sanitizers.
Every name below that the executor reads is documented in executor/fixture_adapter.h.
"""
import builtins
import gc
import json
import os
import sys

PLAN_VARIABLE = "GCFUZZ_MODULE_PLAN"
MAX_SLOTS = 8         # attachment points per kind: the IR addresses a few
MAX_METHODS = 64
MAX_KINDS = 64
HAVE_GC = 1 << 14     # Py_TPFLAGS_HAVE_GC
ATOMIC = (type(None), bool, int, float, complex, str, bytes)

NOTES = []            # one-line notes the target prints at start


class PlanError(Exception):
    """The plan cannot be used; the target reports it as a set-up failure."""


def _fail(message):
    raise PlanError(message)


def _read_plan():
    path = os.environ.get(PLAN_VARIABLE)
    if not path:
        _fail("%s is not set (./gcfuzz fuzz --module NAME writes the plan)" % PLAN_VARIABLE)
    try:
        with open(path, encoding="utf-8") as handle:
            plan = json.load(handle)
    except (OSError, ValueError) as error:
        _fail("cannot read the module plan %s: %s" % (path, error))
    # A relative path or adapter is relative to the plan: a plan shipped beside a target in
    # OSS-Fuzz's $OUT (oss-fuzz/module/build.sh) names the module's folder beside it.
    for key in ("path", "adapter"):
        if plan.get(key) and not os.path.isabs(plan[key]):
            plan[key] = os.path.join(os.path.dirname(os.path.abspath(path)), plan[key])
    return plan


class _Adapter:
    """The adapter file, as discovery reads it (cli/gcfuzz/discovery/probe.py: Adapter)."""

    def __init__(self, path):
        self.namespace = {"__name__": "gcfuzz_adapter", "__file__": path or "",
                          "__builtins__": builtins}
        self.factories, self.skip, self.releasing, self.setup = {}, [], {}, ""
        self.cached = set()
        if not path:
            return
        with open(path, encoding="utf-8") as handle:
            exec(compile(handle.read(), path, "exec"), self.namespace)
        self.factories = dict(self.namespace.get("FACTORIES", {}))
        self.skip = list(self.namespace.get("SKIP", []))
        self.releasing = dict(self.namespace.get("RELEASING", {}))
        self.setup = self.namespace.get("SETUP", "") or ""
        self.cached = set(self.namespace.get("CACHED", []))

    def see_module(self, module):
        for name in dir(module):
            try:
                self.namespace.setdefault(name, getattr(module, name))
            except Exception:
                pass
        root = module.__name__.split(".")[0]
        self.namespace.setdefault(root, sys.modules.get(root, module))

    def skips(self, class_name, name):
        return name in self.skip or ("%s.%s" % (class_name, name)) in self.skip


class _Kind:
    """One node type of the module: how it is made and where it holds a node."""

    def __init__(self, entry, cls, maker):
        self.entry, self.cls, self.maker = entry, cls, maker
        self.name = entry["name"]
        construct = entry.get("construct") or {}
        self.factory = construct.get("factory", False)
        forms = [f["args"] for f in construct.get("forms") or []]
        self.args = 0 if self.factory else max([len(f) for f in forms] + [0])
        self.args = min(self.args, 2)
        self.gc_type = bool(cls.__flags__ & HAVE_GC)
        self.slots = []       # (how, name or key, extra) in slot order
        self.readers = []     # attribute names touch() reads
        self.calls = []       # methods touch() calls with no argument
        self.releasing = []
        self.methods = []     # the discovery entries of the methods programs may call


def _kind_slots(entry):
    slots = []
    for attribute in entry.get("attributes") or []:
        if attribute.get("writable") and attribute.get("stores"):
            slots.append(("attribute", attribute["name"], attribute.get("kind")))
    setitem = entry.get("setitem")
    if setitem and setitem.get("stores"):
        slots.append(("item", setitem["key"], setitem.get("prefill")))
    for method in entry.get("methods") or []:
        if method.get("keeps") and 1 in method.get("arities", []):
            slots.append(("call", method["name"], None))
        elif method.get("from_iterable") or method.get("from_mapping"):
            slots.append(("call_with_" + ("mapping" if method.get("from_mapping") else "iterable"),
                          method["name"], None))
    return slots[:MAX_SLOTS]


class _Module:
    def __init__(self, plan):
        self.plan = plan
        self.name = plan["module"]
        if plan.get("path"):
            sys.path.insert(0, plan["path"])
        # The embedded interpreter starts without site: the site-packages a plain
        # interpreter (discovery's) finds the module in go last on the path, as there.
        import site
        sys.path.extend(p for p in site.getsitepackages() if p not in sys.path)
        try:
            self.adapter = _Adapter(plan.get("adapter"))
            if self.adapter.setup:
                exec(compile(self.adapter.setup, "<SETUP>", "exec"), self.adapter.namespace)
        except Exception as error:
            _fail("adapter %s: %s: %s" % (plan.get("adapter"), type(error).__name__, error))
        try:
            __import__(self.name)
        except BaseException as error:
            _fail("cannot import %s: %s: %s" % (self.name, type(error).__name__, error))
        self.module = sys.modules[self.name]
        self.adapter.see_module(self.module)
        self.kinds = []
        for entry in plan["discovery"].get("classes") or []:
            kind = self._kind(entry)
            if kind is not None and len(self.kinds) < MAX_KINDS:
                self.kinds.append(kind)
        if not self.kinds:
            _fail("%s has no class that can be constructed from nodes (./gcfuzz discover %s "
                  "shows why; an adapter's FACTORIES can make them)" % (self.name, self.name))
        self.methods, self.method_arguments = self._methods()

    def _kind(self, entry):
        if entry.get("exception") or entry.get("denied_class") or not entry.get("maker"):
            return None
        if entry["name"] in self.adapter.skip:
            return None
        maker = entry["maker"]
        try:
            sample = eval(maker, self.adapter.namespace)
        except Exception:
            return None
        cls = type(sample)
        del sample
        kind = _Kind(entry, cls, maker)
        if entry.get("origin") == "result":
            kind.args = 0  # made by the expression that showed it, not by its constructor
        kind.slots = [slot for slot in _kind_slots(entry)
                      if not self.adapter.skips(kind.name, str(slot[1]))]
        denied = set(entry.get("denied") or [])
        releasing = set(self.adapter.releasing.get(kind.name, []))
        for attribute in entry.get("attributes") or []:
            kind.readers.append(attribute["name"])
        kind.methods = [method for method in entry.get("methods") or []
                        if method["name"] not in denied
                        and not self.adapter.skips(kind.name, method["name"])]
        for method in kind.methods:
            name = method["name"]
            if method.get("releases") or name in releasing:
                kind.releasing.append(name)
            elif 0 in method.get("arities", []):
                kind.calls.append(name)
        return kind

    def _methods(self):
        arities = {}
        order = []
        for kind in self.kinds:
            for method in kind.methods:
                name = method["name"]
                usable = set(method.get("arities", [])) & {0, 1}
                if not usable:
                    continue
                if name not in arities:
                    order.append(name)
                    arities[name] = set()
                arities[name] |= usable
        order = order[:MAX_METHODS]
        return tuple(order), tuple(next(iter(arities[n])) if len(arities[n]) == 1 else -1
                                   for n in order)

    def make(self, cls, index, args):
        kind = self.kinds[index]
        if kind.factory:
            return self.adapter.factories[kind.name]()
        if kind.entry.get("origin") == "result":
            return eval(kind.maker, self.adapter.namespace)
        if args:
            try:
                return cls(*args)
            except TypeError:
                pass
        try:
            return cls()
        except TypeError:
            if cls is not kind.cls:
                raise
        # Its simplest form needs nodes of given types (an iterator of a container).
        return eval(kind.maker, self.adapter.namespace)


_module = _Module(_read_plan())
_by_type = {kind.cls: kind for kind in _module.kinds}

# -- the executor's protocol (executor/fixture_adapter.h) ----------------------------------
KINDS = tuple(kind.cls for kind in _module.kinds)
KIND_NAMES = tuple(kind.name for kind in _module.kinds)
KIND_SLOTS = tuple(len(kind.slots) for kind in _module.kinds)
KIND_ARGS = tuple(kind.args for kind in _module.kinds)
# A subclass is made by calling it as the type is called: not for a kind its factory makes.
KIND_SUBCLASSABLE = tuple(not kind.factory and kind.entry.get("origin") != "result"
                          and bool((kind.entry.get("instance") or {}).get("subclassable"))
                          for kind in _module.kinds)
# The adapter's MAX_CHAIN: the longest chain programs build (0: as for the catalog).
MAX_CHAIN_LENGTH = int(_module.adapter.namespace.get("MAX_CHAIN", 0) or 0)
METHODS = _module.methods
METHOD_ARGUMENTS = _module.method_arguments
RELEASING = tuple(name for name in METHODS
                  if any(name in kind.releasing for kind in _module.kinds))


def _kind_of(obj):
    for cls in type(obj).__mro__:
        kind = _by_type.get(cls)
        if kind is not None:
            return kind
    return None


def make(cls, index, args):
    """An instance of kind `index` (or of cls, a Python subclass of it) from node args."""
    return _module.make(cls, index, args)


class _Finding:
    """The first oracle finding of this input: (oracle, bug class, detail)."""
    value = None


def _report(oracle, bug_class, detail):
    if _Finding.value is None:
        _Finding.value = (oracle, bug_class, detail)


def _reachable_within(holder, value):
    """value among holder's referents, or among those of a plain container it owns."""
    referents = gc.get_referents(holder)
    if any(r is value for r in referents):
        return True
    for inner in referents:
        if type(inner) in (dict, list, tuple, set) and inner is not value:
            if any(r is value for r in gc.get_referents(inner)):
                return True
    return False


def _check_held(obj, kind, where, value):
    """The traverse-exactness oracle for one stored reference."""
    if isinstance(value, ATOMIC) or not gc.is_tracked(value):
        return
    if kind.gc_type:
        if not gc.is_tracked(obj) or _reachable_within(obj, value):
            return
        _report("traverse-exactness", "traverse-misses-member",
                "%s.%s holds a %s (it reads back as the same object) that its tp_traverse "
                "does not visit: gc.get_referents() of the %s does not include it"
                % (kind.name, where, type(value).__name__, kind.name))
    else:
        _report("traverse-exactness", "gc-opaque-holder",
                "%s is not a GC type (no Py_TPFLAGS_HAVE_GC) but %s holds a %s: a cycle "
                "through it is invisible to the collector" % (kind.name, where,
                                                              type(value).__name__))


def set_slot(obj, index, value):
    kind = _kind_of(obj)
    if kind is None or index >= len(kind.slots):
        raise IndexError("no such slot")
    how, name, extra = kind.slots[index]
    if how == "attribute":
        setattr(obj, name, value)
        if getattr(obj, name) is value:
            _check_held(obj, kind, name, value)
    elif how == "item":
        if extra and len(obj) == 0:
            getattr(obj, extra)(value)
        obj[name] = value
        if obj[name] is value:
            _check_held(obj, kind, "[%r]" % (name,), value)
    elif how == "call":
        getattr(obj, name)(value)
    elif how == "call_with_mapping":
        getattr(obj, name)({"k%d" % index: value})
    else:
        getattr(obj, name)([value])
    return True


def clear_slot(obj, index):
    kind = _kind_of(obj)
    if kind is None or index >= len(kind.slots):
        raise IndexError("no such slot")
    how, name, _ = kind.slots[index]
    if how == "attribute":
        try:
            delattr(obj, name)
        except (AttributeError, TypeError):
            setattr(obj, name, None)
    elif how == "item":
        del obj[name]
    elif kind.releasing:
        getattr(obj, kind.releasing[0])()
    else:
        raise TypeError("slot %d of %s cannot be cleared" % (index, kind.name))
    return True


def touch(obj):
    """Reads what obj holds: a field emptied by tp_clear is used here."""
    kind = _kind_of(obj)
    if kind is None:
        return False
    for name in kind.readers:
        try:
            getattr(obj, name)
        except Exception:
            pass
    for name in kind.calls:
        try:
            getattr(obj, name)()
        except Exception:
            pass
    try:
        repr(obj)
    except Exception:
        pass
    if kind.entry.get("iteration"):
        try:
            for _ in obj:
                pass
        except Exception:
            pass
    return True


# -- the leak oracle -----------------------------------------------------------------------
def baseline():
    """Before the first input: what the collector tracks now is not the inputs'."""
    gc.collect()
    gc.freeze()


def _describe(obj):
    kind = _kind_of(obj)
    name = kind.name if kind else type(obj).__name__
    return "%s at %#x" % (name, id(obj))


def _leak_detail(survivors):
    lines = ["%d object%s the input made survived the final collection:"
             % (len(survivors), "s" if len(survivors) > 1 else "")]
    ids = {id(o) for o in survivors}
    for obj in survivors[:6]:
        holders = [h for h in gc.get_referrers(obj) if id(h) in ids]
        lines.append("  %s, held by %s" % (_describe(obj), ", ".join(_describe(h) for h in
                                                                     holders[:3]) or
                                           "nothing the collector can see"))
    return "\n".join(lines)


def after_input():
    """The input's finding, if any: a traverse-exactness finding recorded during the run,
    or what survived the final collection. Returns None or (oracle, bug class, detail)."""
    finding, _Finding.value = _Finding.value, None
    if finding is not None:
        return finding
    if gc.garbage:
        del gc.garbage[:]
        gc.collect()
    survivors = gc.get_objects()
    if not survivors:
        return None
    # A leak of the module's: one of its instances survives, or a survivor holds one (an
    # instance of a type that is not a GC type is not itself among the collector's
    # objects). What survives without touching the module (the executor's support made on
    # first use, a cache of the interpreter's) joins the frozen heap and is not reported.
    # Instances of the kinds the adapter says the module caches on purpose (CACHED) may
    # outlive an input; they join the frozen heap with the rest.
    def counted(obj):
        kind = _kind_of(obj)
        return kind is not None and kind.name not in _module.adapter.cached

    ours = [o for o in survivors if counted(o)]
    holders = [o for o in survivors if _kind_of(o) is None
               and any(counted(r) for r in gc.get_referents(o))]
    if not ours and not holders:
        del survivors
        gc.freeze()
        return None
    # A survivor alone does not say why (a missed member, a cache, a resurrection): the
    # class is named only when the holder is not a GC type at all.
    bug_class = ""
    if any(_kind_of(r) is not None and not _kind_of(r).gc_type
           for o in holders for r in gc.get_referents(o)):
        bug_class = "gc-opaque-holder"
    detail = _leak_detail(ours + holders)
    del survivors, ours, holders
    gc.freeze()  # reported once; the process ends with the finding anyway
    return ("leak", bug_class, detail)


# -- a reproducer's view (./gcfuzz repro --script on a module finding) ----------------------
# The script imports this file as a plain module, with the finding's plan in the
# environment, and does what the executor does through the names below: the kinds by name
# (fx.kinds.Pair is the module's own type), build(cls, *nodes) as make(), chain() as the
# executor's chains, and check() as the host's after-input oracle.
class kinds:
    """The module's node types by kind name (fx.kinds.Pair is the module's own type)."""


for _kind in _module.kinds:
    setattr(kinds, _kind.name, _kind.cls)
del _kind

_NO_RESURRECTED = []


def resurrected():
    """The executor's protocol for a module's own resurrected objects: none here."""
    return _NO_RESURRECTED


def build(cls, *args):
    """An instance of cls (a kind's type or a Python subclass of one) as the executor makes
    it from node arguments."""
    kind = _kind_of_type(cls)
    return make(cls, _module.kinds.index(kind), args)


def _kind_of_type(cls):
    for base in cls.__mro__:
        if base in _by_type:
            return _by_type[base]
    raise TypeError("%s is not a kind of %s" % (cls.__name__, _module.name))


def chain(cls, length):
    """As the executor builds a chain: each new link holds the chain so far in slot 0, or
    as its constructor's argument when it has no slot; MAX_CHAIN caps the length."""
    if MAX_CHAIN_LENGTH:
        length = min(length, MAX_CHAIN_LENGTH)
    enabled = gc.isenabled()
    gc.disable()
    try:
        head, by_constructor = None, False
        for _ in range(length):
            link = None
            if head is None or not by_constructor:
                link = build(cls)
                if head is not None:
                    try:
                        set_slot(link, 0, head)
                    except Exception:
                        link, by_constructor = None, True
            if link is None and by_constructor:
                link = build(cls, head)
            head = link
        return head
    finally:
        if enabled:
            gc.enable()


_checked_once = []


def check():
    """The host's after-input oracle for a script: the first call takes the baseline (as
    the host does before the first input) and returns None; later ones collect and return
    None or the finding's SUMMARY line and detail."""
    if not _checked_once:
        _checked_once.append(True)
        baseline()
        return None
    gc.collect()
    finding = after_input()
    if finding is None:
        return None
    oracle, bug_class, detail = finding
    return "SUMMARY: gcfuzz: %s%s\n%s" % (oracle, " [%s]" % bug_class if bug_class else "",
                                         detail)
