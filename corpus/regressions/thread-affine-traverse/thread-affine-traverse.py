# gcfuzz reproducer: libFuzzer: deadly signal [thread-affine-traverse] OnAbort @ final-step
# from thread-affine-traverse.gcfz (armed: thread-affine-traverse); run: ./gcfuzz python -- THIS.py
import gc, os, sys, types, weakref, queue, threading
os.environ.get("PYTHONMALLOC") == "malloc" or os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONMALLOC": "malloc"})
import _gcfuzz_fixtures as fx
fx.arm("thread-affine-traverse")
roots, trackers = {}, {}
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
def chain(kind, length):  # each new link holds the chain so far (slot 0, or its constructor's item)
    head = kind()
    for _ in range(length - 1): head = (lambda link: link.set_slot(0, head) or link)(kind()) if kind.SLOTS else kind(head)
    return head
def on_thread(t, f, workers={}):  # worker thread t runs f while the main thread waits
    if t not in workers:
        workers[t] = queue.Queue(); threading.Thread(target=lambda q: [g() for g in iter(q.get, None)], args=(workers[t],), daemon=True).start()
    done = threading.Event(); workers[t].put(lambda: (attempt(f), done.set())); done.wait()
gc.freeze(); fx.check()  # as the fuzzer's host: collections see the program's objects only
on_thread(1, lambda: new(0, chain(fx.Affine, 16)))  # op 0: n0 = chain(Affine, 16) @thread1
try: roots.update(dict.fromkeys(roots))  # the final step: drop every root, collect, touch survivors
except SystemError: pass
gc.collect()
for o in fx.resurrected(): touch(o)
for hooks_on in (True, False): del fx.resurrected()[:]; gc.collect()
roots.clear(); trackers.clear(); gc.collect(); sys.exit(fx.check())  # the leak oracle
