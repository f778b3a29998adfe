# gcfuzz reproducer: traverse-exactness [traverse-visits-unowned] - @ collect
# from traverse-visits-unowned.gcfz (armed: traverse-visits-unowned); run: ./gcfuzz python -- THIS.py
import gc, os, sys, types, weakref
os.environ.get("PYTHONMALLOC") == "malloc" or os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONMALLOC": "malloc"})
import _gcfuzz_fixtures as fx
fx.arm("traverse-visits-unowned")
roots, trackers = {}, {}
def new(i, o):  # node i: a root reference, and a weakref that finds it once the root is gone
    roots[i] = o
    if o is not None and type(o).__weakrefoffset__: trackers[i] = weakref.ref(o)
def node(i):  # None once the node is gone
    return roots[i] if roots.get(i) is not None else trackers[i]() if i in trackers else None
def attempt(f, *args):  # an operation that does not apply is a no-op, as in the executor
    try: return f(*args)
    except SystemError: raise
    except Exception: return None
def run(f, *ids):  # ... and so is one on a node that is gone
    nodes = [node(i) for i in ids]
    return None if any(o is None for o in nodes) else attempt(f, *nodes)
def touch(o, deref=True):  # a fixture's payload; call a weakref, closure or method; len() of the rest
    if o is None or attempt(fx.touch, o) is not None: return
    if isinstance(o, weakref.ref): deref and touch(o(), False)
    elif isinstance(o, (types.FunctionType, types.MethodType)): attempt(o)
    else: attempt(len, o)
gc.freeze(); fx.check()  # as the fuzzer's host: collections see the program's objects only
new(0, fx.Slots())  # op 0: n0 = Slots()
gc.collect(1)  # op 1: gc.collect(1)
try: roots.update(dict.fromkeys(roots))  # the final step: drop every root, collect, touch survivors
except SystemError: pass
gc.collect()
for o in fx.resurrected(): touch(o)
for hooks_on in (True, False): del fx.resurrected()[:]; gc.collect()
roots.clear(); trackers.clear(); gc.collect(); sys.exit(fx.check())  # the leak oracle
