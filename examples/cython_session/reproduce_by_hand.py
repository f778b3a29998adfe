"""The defect of the session example without the fuzzer: run it under the ASan runtime,
    ./gcfuzz python -- examples/cython_session/reproduce_by_hand.py BUILD_DIR
The defective build (SESSION_DEFECT=1) dies in gc.collect() with an ASan report; the sound
one prints "sound" and exits 0."""
import gc
import sys
import weakref

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")
from session import Session  # noqa: E402



class Holder:
    pass


session, holder = Session(), Holder()
session.user_data, holder.session = holder, session  # a cycle through the Session
freed = weakref.ref(holder)
del session, holder
gc.collect()  # tp_clear sets session.context to None, then __dealloc__ runs
print("sound" if freed() is None else "the cycle was not collected")
sys.exit(0 if freed() is None else 1)
