#!/usr/bin/env python3
"""pyperformance's gc_collect and gc_traversal, timed by a plain script.

The cross-check of gc_pause_bench: the same graphs (pyperformance_graphs.py), built and
timed the way pyperformance does (time.perf_counter around one gc.collect()), in the
interpreter itself rather than embedded. Two variants:
  frozen    gc.freeze() first, as gc_pause_bench does: the comparable figure
  unfrozen  what pyperformance measures: the collection also walks the script's own heap
Prints JSON: medians in microseconds, per variant.

  python3.X bench/pyperf_crosscheck.py [--loops 101]
"""
import argparse
import gc
import json
import statistics
import sys
import time

import pyperformance_graphs as graphs


def time_gc_collect(loops):
    """bm_gc_collect's loop: build the cycles, drop them, time the collection."""
    times = []
    for _ in range(loops):
        gc.collect()
        all_cycles = graphs.create_gc_cycles(graphs.CYCLES, graphs.LINKS)
        del all_cycles
        t0 = time.perf_counter()
        collected = gc.collect()
        times.append(time.perf_counter() - t0)
        assert collected >= graphs.CYCLES * (graphs.LINKS + 1), collected
    return times


def time_gc_traversal(loops):
    """bm_gc_traversal's loop: one alive graph, collected again and again."""
    all_cycles = graphs.create_recursive_containers(graphs.N_LEVELS)
    times = []
    for _ in range(loops):
        gc.collect()
        t0 = time.perf_counter()
        collected = gc.collect()
        times.append(time.perf_counter() - t0)
        assert collected == 0, collected
    del all_cycles
    return times


def summary(times):
    return {"median_us": statistics.median(times) * 1e6, "min_us": min(times) * 1e6,
            "loops": len(times)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loops", type=int, default=101)
    args = parser.parse_args()
    result = {"python_version": "%d.%d.%d" % sys.version_info[:3],
              "python_executable": sys.executable}
    for variant in ("unfrozen", "frozen"):
        if variant == "frozen":
            gc.collect()
            gc.freeze()
        result[variant] = {"gc_collect": summary(time_gc_collect(args.loops)),
                           "gc_traversal": summary(time_gc_traversal(args.loops))}
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
