"""The object graphs of pyperformance's gc_collect and gc_traversal benchmarks.

Copied from pyperformance (MIT licence: pyperformance/data-files/benchmarks/bm_gc_collect
and bm_gc_traversal/run_benchmark.py) without the pyperf timing loop, so that
gc_pause_bench (embedded, timed in C++) and pyperf_crosscheck.py (a plain script, timed
with time.perf_counter) measure the very same graphs.
"""

# gc_collect: 100 cycles of 21 plain objects, collected as garbage.
CYCLES = 100
LINKS = 20
# gc_traversal: 1000 nested lists (499,500 references), alive.
N_LEVELS = 1000


class Node:
    def __init__(self):
        self.next = None
        self.prev = None


def link(a, b):
    a.next = b
    b.prev = a


def create_cycle(node, n_links):
    """Create a cycle of n_links nodes, starting with node."""
    if n_links == 0:
        return
    current = node
    for i in range(n_links):
        next_node = Node()
        link(current, next_node)
        current = next_node
    link(current, node)


def create_gc_cycles(n_cycles, n_links):
    """Create n_cycles cycles n_links+1 nodes each."""
    cycles = []
    for _ in range(n_cycles):
        node = Node()
        cycles.append(node)
        create_cycle(node, n_links)
    return cycles


def create_recursive_containers(n_levels):
    current_list = []
    for n in range(n_levels):
        new_list = [None] * n
        for index in range(n):
            new_list[index] = current_list
        current_list = new_list
    return current_list
