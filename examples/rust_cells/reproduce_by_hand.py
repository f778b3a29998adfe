"""The defect of the cells example without the fuzzer: run it under the ASan runtime,
    ./gcfuzz python -- examples/rust_cells/reproduce_by_hand.py BUILD_DIR
The defective build (CELLS_DEFECT=1) aborts with PyO3's panic; the sound one prints `sound`."""
import gc
import sys
import threading

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")
from cells import Cell  # noqa: E402

# Two Cells in a cycle, made on the main thread and left to the collector...
gc.disable()
first, second = Cell(), Cell()
first.value, second.value = second, first
del first, second

# ... which another thread starts: it traverses the Cells.
collector = threading.Thread(target=gc.collect)
collector.start()
collector.join()
print("sound")
