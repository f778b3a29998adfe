# gcfuzz reproducer: UndefinedBehaviorSanitizer: undefined-behavior [tracked-before-init] OnForeignThread < CollectorMayProceed < FixtureTraverse @ create
# from tracked-before-init.gcfz (armed: tracked-before-init); run: ./gcfuzz python -- THIS.py
import gc, os, sys, types, weakref
os.environ.get("PYTHONMALLOC") == "malloc" or os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONMALLOC": "malloc"})
import _gcfuzz_fixtures as fx
fx.arm("tracked-before-init")
roots, trackers, thresholds = {}, {}, gc.get_threshold()
def new(i, o): roots[i] = o; o is not None and type(o).__weakrefoffset__ and trackers.update({i: weakref.ref(o)})  # a root, and a weakref that finds it once the root is gone
def node(i): return roots[i] if roots.get(i) is not None else trackers[i]() if i in trackers else None  # None once gone
def attempt(f, *args):  # an operation that does not apply is a no-op, as in the executor
    try: return f(*args)
    except SystemError: raise
    except Exception: return None
def run(f, *ids): nodes = [node(i) for i in ids]; return None if None in nodes else attempt(f, *nodes)  # ... and so is one on a node that is gone
def touch(o, deref=True):  # a fixture's payload; call a weakref, closure or method; len() of the rest
    if o is None or attempt(fx.touch, o) is not None: return
    if isinstance(o, weakref.ref): return deref and touch(o(), False)
    attempt(o) if isinstance(o, (types.FunctionType, types.MethodType)) else attempt(len, o)
def make_closure(*initial):
    if initial: value = initial[0]
    return lambda *ignored: value  # any arguments, as the executor's closures take
gc.freeze(); fx.check()  # as the fuzzer's host: collections see the program's objects only
gc.set_threshold(1, 15, 13)  # op 0: gc.set_threshold(1, 15, 13)
new(0, make_closure())  # op 1: n0 = closure()
new(1, run(fx.Var, 0))  # op 2: n1 = Var(n0)
try: roots.update(dict.fromkeys(roots))  # the final step: drop every root, collect, touch survivors
except SystemError: pass
gc.collect()
for o in fx.resurrected(): touch(o)
for hooks_on in (True, False): del fx.resurrected()[:]; gc.collect()
gc.enable(); gc.set_threshold(*thresholds); roots.clear(); trackers.clear(); gc.collect(); sys.exit(fx.check())  # the leak oracle
