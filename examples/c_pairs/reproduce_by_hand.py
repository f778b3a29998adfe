"""The defect of the pairs example without the fuzzer: run it under the ASan runtime,
    ./gcfuzz python -- examples/c_pairs/reproduce_by_hand.py BUILD_DIR
It exits 1 and says why for the defective build (PAIRS_DEFECT=1), 0 for the sound one."""
import gc
import sys
import weakref

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")
from pairs import Pair  # noqa: E402

problems = []

# Traverse exactness: what a Pair holds, and reads back, it must also visit.
pair, held = Pair(), Pair()
pair.second = held
if pair.second is held and not any(r is held for r in gc.get_referents(pair)):
    problems.append("gc.get_referents(pair) misses the object in pair.second")

# A cycle through `second` only: once unreachable, the collector must free it.
pair = Pair()
pair.second = pair
alive = weakref.ref(pair)
del pair
gc.collect()
if alive() is not None:
    problems.append("a Pair in a cycle through .second survived gc.collect() (leak)")

for problem in problems:
    print("defect:", problem)
print("sound" if not problems else "defective")
sys.exit(1 if problems else 0)
