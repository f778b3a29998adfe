#!/usr/bin/env python3
"""Markdown tables from gc_pause_bench JSON files, one column per interpreter.

  bench/pause_table.py OUT.md RESULT.json [RESULT.json ...]
"""
import sys

import bench_results

HEADLINE_SIZES = (100_000, 1_000_000)
MATRIX_KINDS = ("cnode", "slots", "dict", "weakref", "finalizer")


def fmt(value, digits=0):
    if value is None:
        return "-"
    return "{:,.{}f}".format(value, digits)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def headline(results):
    rows = []
    for kind in ("cnode", "slots"):
        for size in HEADLINE_SIZES:
            for shape in ("ordered", "shuffled"):
                for state in ("alive", "garbage"):
                    case = "full/%s/%s/%s/%d" % (shape, kind, state, size)
                    rows.append([kind, "{:,}".format(size), shape, state]
                                + [fmt(r.value(case, "ns_per_object")) for r in results])
    return table(["kind", "N", "links", "state"] + [r.label for r in results], rows)


STABILITY_CASES = tuple("full/ordered/%s/%s/100000" % (kind, state)
                        for kind in ("cnode", "slots") for state in ("alive", "garbage"))


def stability(results):
    """CV over the repetitions, and what the retry rule did to get them (bench/README.md)."""
    rows = []
    for case in STABILITY_CASES:
        label = " ".join(case.split("/")[1:4])
        rows.append([label] + [_stability_cell(r, case) for r in results])
    rows.append(["highest load average during these cases"]
                + [fmt(_case_load(r), 2) for r in results])
    rows.append(["load average at the run's start / end"] + [_loads(r) for r in results])
    rows.append(["quiet enough to quote (load < %.1f, none kept preempted)" % QUIET_LOAD]
                + ["yes" if _quiet(r) else "NO" for r in results])
    return table(["CV of the pause, full, N=100,000"] + [r.label for r in results], rows)


# The suite itself is one runnable task: below this, nothing else was busy on the two cores.
# One other busy job (load about 2 to 2.5) already pushed a garbage case to 7 % through
# cache contention (bench/README.md, "Noise", has the measurements).
QUIET_LOAD = 1.5


def _case_load(result):
    """The highest 1-minute load average any stability case saw (counter load1), or None."""
    loads = [result.value(case, "load1", "max") for case in STABILITY_CASES]
    return None if None in loads else max(loads)


def _quiet(result):
    load = _case_load(result)
    if load is None or load < 0 or load >= QUIET_LOAD:
        return False
    return all(round((result.value(case, "repetitions") or 0)
                     * (result.value(case, "preempted", "mean") or 0)) == 0
               for case in STABILITY_CASES)


def _stability_cell(result, case):
    cv = result.value(case, aggregate="cv")
    if cv is None:
        return "-"
    reps = result.value(case, "repetitions") or 0
    return "%s %% (%d reps; %d re-measured, %d kept preempted)" % (
        fmt(100 * cv, 1), reps, round(reps * (result.value(case, "retries", "mean") or 0)),
        round(reps * (result.value(case, "preempted", "mean") or 0)))


def _loads(result):
    start = result.context.get("load_avg") or []
    end = result.context.get("gcfuzz_load_avg_after") or []
    return "%s / %s" % ("%.2f" % start[0] if start else "?", "%.2f" % end[0] if end else "?")


def fixed_cost(results):
    rows = []
    for generation in ("full", "young"):
        case = "%s/empty/none/alive/0" % generation
        rows.append(["%s, empty heap (us)" % generation]
                    + ["%s (p99 %s)" % (fmt(r.value(case), 1), fmt(r.value(case, aggregate="p99"), 1))
                       for r in results])
    rows.append(["gc thresholds"] + [r.context.get("gc_thresholds", "?") for r in results])
    rows.append(["frozen startup objects"]
                + [r.context.get("gc_frozen_objects", "?") for r in results])
    # Near zero, or the empty-heap pause (and every ns/object) includes the suite's own heap.
    rows.append(["objects outside the freeze"]
                + [r.context.get("gc_unfrozen_objects", "?") for r in results])
    return table(["median pause"] + [r.label for r in results], rows)


def matrix(result):
    sizes = sorted({int(case.rsplit("/", 1)[1]) for case in result.cases
                    if case.split("/")[1] in ("cycle2", "ring21", "tree", "wide")})
    rows = []
    for size in sizes:
        for generation in ("full", "young"):
            for shape in ("ordered", "shuffled", "random", "cycle2", "ring21", "tree", "wide"):
                for state in ("alive", "garbage"):
                    kinds = ("list",) * len(MATRIX_KINDS) if shape == "wide" else MATRIX_KINDS
                    cells = [result.value("%s/%s/%s/%s/%d" % (generation, shape, kind, state, size),
                                          "ns_per_object") for kind in kinds]
                    if shape == "wide":
                        cells = cells[:1] + [None] * (len(cells) - 1)
                    if any(cell is not None for cell in cells):
                        rows.append(["{:,}".format(size), generation, shape, state]
                                    + [fmt(cell) for cell in cells])
    return table(["N", "collection", "shape", "state"] + list(MATRIX_KINDS), rows)


def automatic(results):
    rows = []
    case = "auto/service_window"
    for label, field, scale, digits in (
            ("pause p50 (us)", "pause_p50_ns", 1e-3, 1), ("pause p99 (us)", "pause_p99_ns", 1e-3, 1),
            ("pause max (us)", "pause_max_ns", 1e-3, 0),
            ("collections / s", "collections_per_s", 1, 0),
            ("time collecting (%)", "gc_time_share", 100, 1),
            ("gen0 / gen1 / gen2 collections", None, 1, 0),
            ("requests / s", "requests_per_s", 1, 0)):
        if field is None:
            rows.append([label] + ["%s / %s / %s" % tuple(
                fmt(r.value(case, "gen%d_collections" % g)) for g in range(3)) for r in results])
            continue
        rows.append([label] + [fmt(_scaled(r.value(case, field), scale), digits) for r in results])
    return table(["automatic collections (median run)"] + [r.label for r in results], rows)


def _scaled(value, scale):
    return None if value is None else value * scale


def crosscheck(results):
    rows = []
    for name, case in (("gc_collect", "full/pyperf_gc_collect/plain/garbage/2100"),
                       ("gc_traversal", "full/pyperf_gc_traversal/list/alive/1001")):
        for r in results:
            # The cross-check's own alternating rounds when present, else the suite's run.
            ours = (r.crosscheck or {}).get("suite", {}).get(name, {}).get("median_us") \
                or r.value(case)
            script = (r.crosscheck or {}).get("frozen", {}).get(name, {}).get("median_us")
            unfrozen = (r.crosscheck or {}).get("unfrozen", {}).get(name, {}).get("median_us")
            if ours is None or script is None:
                rows.append([name, r.label, fmt(ours, 1), fmt(script, 1), "-", "-", fmt(unfrozen, 1)])
                continue
            ratio = ours / script
            rows.append([name, r.label, fmt(ours, 1), fmt(script, 1), "%.3f" % ratio,
                         "yes" if abs(ratio - 1) <= 0.10 else "NO", fmt(unfrozen, 1)])
    return table(["workload", "interpreter", "gcfuzz median (us)", "script median (us)",
                  "ratio", "within 10 %", "script, heap not frozen (us)"], rows)


def render(results):
    out = ["# GC pauses", ""]
    out += ["Medians of one collection per repetition; ns per object divides the pause by the "
            "graph's objects (empty-heap pause included, shown on its own below).", ""]
    out += ["## Full collection, ns per object", ""] + headline(results) + [""]
    out += ["## Stability", ""] + stability(results) + [""]
    out += ["## Fixed cost", ""] + fixed_cost(results) + [""]
    out += ["## pyperformance cross-check (script timed with gc.freeze(), like the suite)", ""]
    out += crosscheck(results) + [""]
    out += ["## Automatic collections", ""] + automatic(results) + [""]
    for r in results:
        out += ["## Shapes and kinds, ns per object: %s" % r.label, ""] + matrix(r) + [""]
    out += ["## Interpreters", ""]
    for r in results:
        c = r.context
        out.append("- %s: `%s`, %s; configure %s; suite %s; load average %s at the start, "
                   "%s at the end"
                   % (r.label, c.get("python_executable"), c.get("python_version"),
                      c.get("python_config_args"), c.get("gcfuzz_suite"),
                      " ".join("%.2f" % x for x in c.get("load_avg", [])) or "?",
                      " ".join("%.2f" % x for x in c.get("gcfuzz_load_avg_after", [])) or "?"))
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    with open(argv[1], "w", encoding="utf-8") as handle:
        handle.write(render(bench_results.load(argv[2:])))


if __name__ == "__main__":
    main(sys.argv)
