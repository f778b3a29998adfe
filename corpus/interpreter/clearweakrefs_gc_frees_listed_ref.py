# A crash in CPython itself (3.6 to 3.11; 3.12 and 3.13 survive), found by graph_fuzzer on
# the sound catalog and reduced by hand to plain Python: no fixture, no extension.
#
# PyObject_ClearWeakRefs(f) reads f's weakref list (its length, its first entry) and then
# allocates the tuple of (weakref, callback) pairs it will call. Up to 3.11 an allocation
# can run the cyclic collector on the spot; here it finalizes the cycle `a`, whose __del__
# drops `b`, whose __del__ drops `r3`, a weakref in the list being walked. The walk then
# reads the freed weakref. (3.12 runs collections from the eval loop, not inside an
# allocation.)
#
#   for t in 1 2 3 4 5 6; do PYTHONMALLOC=debug python3.11 clearweakrefs_gc_frees_listed_ref.py $t; done
#
# exits with SIGSEGV (139) for the thresholds at which the tuple is the allocation that
# starts the collection (1 to 6 here); others print "survived".
import gc
import sys
import weakref

threshold = int(sys.argv[1]) if len(sys.argv) > 1 else 1


class A:
    def __del__(self):
        global b
        b = None


class B:
    def __del__(self):
        global r3
        r3 = None


def f():
    pass


cb2 = lambda ref: None
cb3 = lambda ref: None
gc.disable()
gc.collect()
a = A()
a.self = a
r2 = weakref.ref(f, cb2)
r3 = weakref.ref(f, cb3)
b = B()
del a
gc.set_threshold(threshold, 1000, 1000)
gc.enable()
del f
gc.disable()
print("survived", threshold)
