"""Object graphs for the GC pause suite: one builder per shape, one class per kind.

Imported by the embedded interpreter of gc_pause_bench (never by ./gcfuzz itself).
build() returns (objects, edges, keepalive, holder):
  objects    how many graph objects a collection must examine (the ns/object divisor)
  edges      how many references among them traverse reports (the ns/edge divisor)
  keepalive  what must outlive the graph without being part of it (weakrefs), or None
  holder     the only outside reference: keep it and the graph is alive, drop it and
             every object is cyclic garbage (each garbage shape is built so that refcounting
             alone frees nothing).
Nothing here times anything; the caller builds with the collector disabled, so a fresh
graph sits in the young generation.
"""
import random
import weakref

import _gcfuzz_bench
import pyperformance_graphs

SEED = 20240508
# gc_traversal's list k holds k references to list k-1; beyond this fan-out the edges grow
# quadratically, so larger wide graphs keep pyperformance's shape at a bounded fan-out.
WIDE_FANOUT = 1000
RANDOM_DEGREE = 4


class SlotsNode:
    __slots__ = ("s0", "s1", "s2", "s3")


class DictNode:
    def __init__(self):
        # As typical classes do: the attributes set in __init__ let 3.11+ keep the values
        # inline (shared keys) instead of materializing a dict per object.
        self.s0 = self.s1 = self.s2 = self.s3 = None


class WeakNode:
    __slots__ = ("s0", "s1", "s2", "s3", "__weakref__")


class FinalNode:
    __slots__ = ("s0", "s1", "s2", "s3")

    def __del__(self):
        pass


KINDS = {
    "cnode": _gcfuzz_bench.Node,   # C type with tp_traverse (bench/bench_node.cc)
    "slots": SlotsNode,            # Python class with __slots__
    "dict": DictNode,              # Python class with a __dict__
    "weakref": WeakNode,           # every object has a live weakref to it
    "finalizer": FinalNode,        # every object has a __del__
}


def _nodes(kind, n):
    cls = KINDS[kind]
    return [cls() for _ in range(n)]


def _keepalive(kind, nodes):
    return [weakref.ref(node) for node in nodes] if kind == "weakref" else None


def _ring(nodes, order):
    for position, index in enumerate(order):
        nodes[index].s0 = nodes[order[position - 1]]


def ordered(kind, n, alive):
    nodes = _nodes(kind, n)
    _ring(nodes, range(n))
    return n, n, _keepalive(kind, nodes), nodes[0]


def shuffled(kind, n, alive):
    nodes = _nodes(kind, n)
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    _ring(nodes, order)
    return n, n, _keepalive(kind, nodes), nodes[0]


def random_graph(kind, n, alive):
    """A shuffled ring (so every object is on a cycle) plus RANDOM_DEGREE-1 random edges."""
    nodes = _nodes(kind, n)
    rng = random.Random(SEED)
    order = list(range(n))
    rng.shuffle(order)
    _ring(nodes, order)
    pick = rng.randrange
    for node in nodes:
        node.s1, node.s2, node.s3 = nodes[pick(n)], nodes[pick(n)], nodes[pick(n)]
    return n, n * RANDOM_DEGREE, _keepalive(kind, nodes), nodes[0]


def cycle2(kind, n, alive):
    nodes = _nodes(kind, n - n % 2)
    heads = nodes[0::2]
    for a, b in zip(heads, nodes[1::2]):
        a.s0, b.s0 = b, a
    return len(nodes), len(nodes), _keepalive(kind, nodes), heads


def ring21(kind, n, alive):
    """gc_collect's shape: doubly linked rings of 21 (s0 next, s1 prev)."""
    nodes = _nodes(kind, n - n % 21)
    heads = []
    for start in range(0, len(nodes), 21):
        ring = nodes[start:start + 21]
        heads.append(ring[0])
        for position, node in enumerate(ring):
            node.s0, node.s1 = ring[(position + 1) % 21], ring[position - 1]
    return len(nodes), 2 * len(nodes), _keepalive(kind, nodes), heads


def tree(kind, n, alive):
    """A complete binary tree: acyclic, so it is only ever measured alive."""
    nodes = _nodes(kind, n)
    for index, node in enumerate(nodes):
        if 2 * index + 1 < n:
            node.s0 = nodes[2 * index + 1]
        if 2 * index + 2 < n:
            node.s1 = nodes[2 * index + 2]
    return n, n - 1, _keepalive(kind, nodes), nodes[0]


def wide(kind, n, alive):
    """gc_traversal's nested lists (n of them, fan-out capped); as garbage the innermost
    list also refers to the outermost, which makes the whole graph one cycle."""
    innermost = current = []
    edges = 0
    for level in range(1, n):
        fanout = min(level, WIDE_FANOUT)
        current = [current] * fanout
        edges += fanout
    if not alive:
        innermost.append(current)
        edges += 1
    return n, edges, None, current


def pyperf_gc_collect(kind, n, alive):
    cycles = pyperformance_graphs.create_gc_cycles(pyperformance_graphs.CYCLES,
                                                   pyperformance_graphs.LINKS)
    objects = pyperformance_graphs.CYCLES * (pyperformance_graphs.LINKS + 1)
    return objects, 2 * objects, None, cycles


def pyperf_gc_traversal(kind, n, alive):
    levels = pyperformance_graphs.N_LEVELS
    # pyperformance starts from an empty list, so there is one list more than levels.
    return levels + 1, levels * (levels - 1) // 2, None, \
        pyperformance_graphs.create_recursive_containers(levels)


SHAPES = {
    "ordered": ordered,
    "shuffled": shuffled,
    "random": random_graph,
    "cycle2": cycle2,
    "ring21": ring21,
    "tree": tree,
    "wide": wide,
    "pyperf_gc_collect": pyperf_gc_collect,
    "pyperf_gc_traversal": pyperf_gc_traversal,
}


def build(shape, kind, n, alive):
    return SHAPES[shape](kind, n, alive)
