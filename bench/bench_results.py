"""Reads gc_pause_bench's Google Benchmark JSON (aggregates) for the table and the plot.

A case is named <full|young>/<shape>/<kind>/<alive|garbage>/<objects>; Google Benchmark
appends /iterations:1/repeats:R/manual_time and the aggregate (median, cv, min, p99, ...).
"""
import json
import os

# ./gcfuzz bench writes the cross-check rounds beside each result, as <tag>.crosscheck.json.
CROSSCHECK_SUFFIX = ".crosscheck.json"


class Result:
    """One interpreter's run: its context and {case: {aggregate: row}}."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        self.path = path
        self.context = data.get("context", {})
        self.cases = {}
        for row in data.get("benchmarks", []):
            if row.get("run_type") != "aggregate" or row.get("error_occurred"):
                continue
            case = row["run_name"].split("/iterations:")[0]
            self.cases.setdefault(case, {})[row["aggregate_name"]] = row
        crosscheck = os.path.splitext(path)[0] + CROSSCHECK_SUFFIX
        self.crosscheck = None
        if os.path.exists(crosscheck):
            with open(crosscheck, encoding="utf-8") as handle:
                self.crosscheck = json.load(handle)

    @property
    def label(self):
        return "%s %s" % (self.context.get("python_version_short", "?"),
                          _origin(self.context.get("python_executable", "")))

    def value(self, case, field="real_time", aggregate="median"):
        """A counter or real_time (microseconds for the pause cases), None when absent."""
        row = self.cases.get(case, {}).get(aggregate)
        if row is None or field not in row:
            return None
        return row[field]

    def sizes(self, prefix):
        """The object counts measured for cases named prefix/<objects>, ascending."""
        found = []
        for case in self.cases:
            head, _, size = case.rpartition("/")
            if head == prefix and size.isdigit():
                found.append(int(size))
        return sorted(found)


def _origin(executable):
    if "/.pyenv/" in executable:
        return "pyenv"
    if executable.startswith("/usr/bin/"):
        return "Debian"
    return executable


def load(paths):
    """The results among paths, oldest interpreter first. A <tag>.crosscheck.json is read
    with its <tag>.json, not as a result of its own: `pause_table.py OUT work/bench/*.json`
    just works."""
    results = [Result(path) for path in paths if not path.endswith(CROSSCHECK_SUFFIX)]
    return sorted(results, key=lambda r: _version_key(r.context.get("python_version_short", "")))


def _version_key(text):
    return tuple(int(part) if part.isdigit() else 0 for part in text.split("."))
