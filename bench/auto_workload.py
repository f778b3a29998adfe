"""Automatic collections under an allocation-heavy workload, seen through gc.callbacks.

The workload imitates a service: each step builds a small request graph (a dict, a list,
a few objects with a __dict__, one reference cycle), keeps it in a sliding window of
WINDOW live requests and so retires the oldest. Allocation pressure triggers young
collections; survivors age into older generations, which is where interpreter versions
differ (threshold0 700 before 3.13, 2000 in 3.13; incremental collection in 3.14).

run() returns plain numbers; gc_pause_bench turns them into benchmark counters.
"""
import gc
import time

WINDOW = 20000


class Request:
    pass


def _request(serial):
    request = Request()
    request.id = serial
    request.headers = {"path": "/item/%d" % serial, "attempt": serial & 7}
    request.items = [Request() for _ in range(4)]
    for item in request.items:
        item.owner = request  # the cycle: only the collector frees a retired request
    return request


def _percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def run(seconds):
    clock = time.perf_counter_ns
    pauses = {0: [], 1: [], 2: []}
    started = [0]

    def observe(phase, info):
        if phase == "start":
            started[0] = clock()
        else:
            pauses[info["generation"]].append(clock() - started[0])

    window = [None] * WINDOW
    gc.collect()
    gc.callbacks.append(observe)
    gc.enable()
    begin = clock()
    deadline = begin + int(seconds * 1e9)
    serial = 0
    try:
        while True:
            for _ in range(1000):
                window[serial % WINDOW] = _request(serial)
                serial += 1
            if clock() >= deadline:
                break
    finally:
        elapsed = clock() - begin
        gc.disable()
        gc.callbacks.remove(observe)
    del window
    gc.collect()
    every = sorted(p for generation in pauses.values() for p in generation)
    return {
        "pause_p50_ns": _percentile(every, 0.50),
        "pause_p99_ns": _percentile(every, 0.99),
        "pause_max_ns": every[-1] if every else 0,
        "collections_per_s": len(every) / (elapsed / 1e9),
        "gc_time_share": sum(every) / elapsed,
        "gen0_collections": len(pauses[0]),
        "gen1_collections": len(pauses[1]),
        "gen2_collections": len(pauses[2]),
        "requests_per_s": serial / (elapsed / 1e9),
        "elapsed_ns": elapsed,
    }
