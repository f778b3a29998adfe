"""The defect of the boxes example without the fuzzer: run it under the ASan runtime,
    ./gcfuzz python -- examples/cpp_boxes/reproduce_by_hand.py BUILD_DIR
It exits 1 and says why for the defective build (BOXES_DEFECT=1), 0 for the sound one."""
import gc
import sys
import weakref

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")
from boxes import Box  # noqa: E402

problems = []

# A cycle through a Box: once unreachable, the collector must free it.
box = Box()
box.item = [box]
alive = weakref.ref(box)
del box
gc.collect()
if alive() is not None:
    problems.append("a Box in a cycle (box.item = [box]) survived gc.collect() (leak): "
                    "gc.is_tracked(box) is %s" % gc.is_tracked(alive()))

for problem in problems:
    print("defect:", problem)
print("sound" if not problems else "defective")
sys.exit(1 if problems else 0)
