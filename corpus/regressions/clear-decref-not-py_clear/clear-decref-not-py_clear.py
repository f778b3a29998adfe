# gcfuzz reproducer: AddressSanitizer: heap-use-after-free [clear-decref-not-py_clear] ReadMembers < TouchFixture < TouchMethod @ call-method
# from clear-decref-not-py_clear.gcfz (armed: clear-decref-not-py_clear); run: ./gcfuzz python -- THIS.py
import gc, os, sys, types, weakref
os.environ.get("PYTHONMALLOC") == "malloc" or os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONMALLOC": "malloc"})
import _gcfuzz_fixtures as fx
fx.arm("clear-decref-not-py_clear")
roots, trackers, results = {}, {}, []
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
def call(f, *ids): r = run(f, *ids); r is not None and sys.getrefcount(r) == 2 and results.append(r)  # keeps what a method made until the end
active = True  # hooks run while the program does
def hook1(self):  # __del__ of n1
    if active: touch(node(0))
gc.freeze(); fx.check()  # as the fuzzer's host: collections see the program's objects only
new(0, fx.Plain())  # op 0: n0 = Plain()
class AffineWithDel1(fx.Affine): __del__ = hook1
new(1, AffineWithDel1())  # op 1: n1 = subclass(Affine, __del__=[touch n0])
run(lambda n0, n1: n0.set_slot(3, n1), 0, 1)  # op 2: n0.slot[3] = n1
new(2, fx.Plain())  # op 3: n2 = Plain()
run(lambda n0, n2: n0.set_slot(1, n2), 0, 2)  # op 4: n0.slot[1] = n2
roots[2] = None  # op 5: del n2
roots[1] = None  # op 6: del n1
call(lambda n0: n0.clear_slots(), 0)  # op 7: n0.clear_slots()
try: roots.update(dict.fromkeys(roots))  # the final step: drop every root, collect, touch survivors
except SystemError: pass
results.clear(); gc.collect()
for o in fx.resurrected(): touch(o)
for active in (True, False): del fx.resurrected()[:]; gc.collect()
roots.clear(); trackers.clear(); gc.collect(); sys.exit(fx.check())  # the leak oracle
