"""bench_results.py, pause_table.py and pause_plot.py on small Google Benchmark JSON files.

The fixtures are written here, in Google Benchmark 1.7's format (aggregate rows named
<case>/iterations:1/repeats:R/manual_time_<aggregate>), so every number the tests expect
is visible next to the data; testdata/cp311-excerpt.json is a real run's output, trimmed,
to keep the parser honest about the real format.
"""
import json
import os
import shutil
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

import bench_results
import pause_plot
import pause_table

HERE = os.path.dirname(os.path.abspath(__file__))
EXCERPT = os.path.join(HERE, "testdata", "cp311-excerpt.json")
SVG = "{http://www.w3.org/2000/svg}"


def aggregate_rows(case, reps, aggregates):
    """One case's aggregate rows; aggregates maps median/mean/cv/p99... to its fields."""
    run_name = "%s/iterations:1/repeats:%d/manual_time" % (case, reps)
    rows = []
    for name, fields in aggregates.items():
        row = {"name": run_name + "_" + name, "run_name": run_name, "run_type": "aggregate",
               "repetitions": reps, "threads": 1, "aggregate_name": name,
               "aggregate_unit": "percentage" if name == "cv" else "time",
               "iterations": reps, "time_unit": "us"}
        row.update(fields)
        rows.append(row)
    return rows


def pause(us, objects, cv=0.02, retries_mean=0.0, preempted_mean=0.0, reps=40, load=1.0):
    """A pause case: median us and ns/object, its CV, the retry counters' means, the
    highest load average during it."""
    ns_per_object = us * 1e3 / objects if objects else None
    median = {"real_time": us, "objects": objects}
    if ns_per_object is not None:
        median["ns_per_object"] = ns_per_object
    return reps, {"median": median, "cv": {"real_time": cv},
                  "mean": {"real_time": us, "retries": retries_mean,
                           "preempted": preempted_mean},
                  "p99": {"real_time": us * 1.5}, "max": {"real_time": us * 2, "load1": load}}


def sweep(scale):
    """full/{ordered,shuffled}/{cnode,slots}/{alive,garbage} at three sizes; ns/object
    grows with N and is `scale` times larger for this interpreter."""
    cases = {}
    for size, base in ((1_000, 40.0), (100_000, 30.0), (1_000_000, 45.0)):
        for shape, shape_factor in (("ordered", 1.0), ("shuffled", 3.0)):
            for kind, kind_factor in (("cnode", 1.0), ("slots", 1.25)):
                for state, state_factor in (("alive", 1.0), ("garbage", 2.0)):
                    ns = base * shape_factor * kind_factor * state_factor * scale
                    cases["full/%s/%s/%s/%d" % (shape, kind, state, size)] = pause(
                        ns * size / 1e3, size)
    return cases


def write_result(directory, tag, context, cases, extra_rows=(), crosscheck=None):
    rows = []
    for case, (reps, aggregates) in cases.items():
        rows += aggregate_rows(case, reps, aggregates)
    rows += list(extra_rows)
    path = os.path.join(directory, tag + ".json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"context": context, "benchmarks": rows}, handle)
    if crosscheck is not None:
        with open(os.path.join(directory, tag + ".crosscheck.json"), "w",
                  encoding="utf-8") as handle:
            json.dump(crosscheck, handle)
    return path


def crosscheck(suite_collect, script_collect, suite_traversal, script_traversal):
    return {"suite": {"gc_collect": {"median_us": suite_collect},
                      "gc_traversal": {"median_us": suite_traversal}},
            "frozen": {"gc_collect": {"median_us": script_collect},
                       "gc_traversal": {"median_us": script_traversal}},
            "unfrozen": {"gc_collect": {"median_us": 5 * script_collect},
                         "gc_traversal": {"median_us": script_traversal}}}


class Fixture(unittest.TestCase):
    """Two interpreters, written out of version order: Debian's 3.11 and pyenv's 3.12."""

    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="gcfuzz-bench-test-")
        self.addCleanup(shutil.rmtree, self.directory)
        cases312 = sweep(scale=2.0)
        cases312["full/ordered/cnode/alive/100000"] = pause(
            6000.0, 100_000, cv=0.031, retries_mean=0.05, preempted_mean=0.025, reps=40)
        error = aggregate_rows("full/tree/slots/alive/1000", 20, {"median": {
            "real_time": 1.0, "ns_per_object": 999999.0}})
        error[0]["error_occurred"] = True
        self.py312 = write_result(
            self.directory, "cp312-aaaaaa",
            {"python_version_short": "3.12.1",
             "python_executable": "/root/.pyenv/versions/3.12.1/bin/python3",
             "load_avg": [0.5, 0.4, 0.3], "gcfuzz_load_avg_after": [1.25, 0.5, 0.3],
             "gc_thresholds": "(700, 10, 10)"},
            cases312, extra_rows=error,
            crosscheck=crosscheck(100.0, 104.0, 2000.0, 2500.0))
        cases311 = sweep(scale=1.0)
        cases311["full/empty/none/alive/0"] = pause(2.5, 0)
        cases311["full/ring21/dict/garbage/10000"] = pause(1200.0, 10_000, reps=20)
        self.py311 = write_result(
            self.directory, "cp311-bbbbbb",
            {"python_version_short": "3.11.2", "python_executable": "/usr/bin/python3.11",
             "load_avg": [0.1, 0.2, 0.3], "gc_frozen_objects": "6012",
             "gc_unfrozen_objects": "5"},
            cases311)
        self.results = bench_results.load([self.py312, self.py311])


class ResultsTest(Fixture):
    def test_sorted_by_version_and_labelled_by_origin(self):
        self.assertEqual([r.label for r in self.results], ["3.11.2 Debian", "3.12.1 pyenv"])

    def test_values_by_case_field_and_aggregate(self):
        py311, py312 = self.results
        self.assertAlmostEqual(py311.value("full/ordered/cnode/alive/100000", "ns_per_object"), 30.0)
        self.assertAlmostEqual(py312.value("full/ordered/cnode/alive/100000", aggregate="cv"), 0.031)
        self.assertIsNone(py311.value("full/ordered/cnode/alive/123"))
        self.assertIsNone(py311.value("full/ordered/cnode/alive/100000", "no_such_counter"))

    def test_failed_cases_are_left_out(self):
        py312 = self.results[1]
        self.assertIsNone(py312.value("full/tree/slots/alive/1000", "ns_per_object"))

    def test_sizes_of_a_prefix(self):
        self.assertEqual(self.results[0].sizes("full/shuffled/slots/garbage"),
                         [1_000, 100_000, 1_000_000])

    def test_crosscheck_files_given_as_results_are_skipped(self):
        crosscheck = os.path.splitext(self.py312)[0] + ".crosscheck.json"
        results = bench_results.load([crosscheck, self.py312, self.py311])
        self.assertEqual([r.label for r in results], ["3.11.2 Debian", "3.12.1 pyenv"])

    def test_crosscheck_is_read_beside_the_result(self):
        py311, py312 = self.results
        self.assertIsNone(py311.crosscheck)
        self.assertEqual(py312.crosscheck["frozen"]["gc_collect"]["median_us"], 104.0)


class TableTest(Fixture):
    def setUp(self):
        super().setUp()
        self.text = pause_table.render(self.results)
        self.lines = self.text.splitlines()

    def row(self, *prefix):
        head = "| " + " | ".join(prefix) + " |"
        found = [line for line in self.lines if line.startswith(head)]
        self.assertEqual(len(found), 1, (head, found))
        return [cell.strip() for cell in found[0].strip("|").split("|")]

    def test_headline_has_one_column_per_interpreter(self):
        self.assertEqual(self.row("kind", "N")[4:], ["3.11.2 Debian", "3.12.1 pyenv"])
        self.assertEqual(self.row("cnode", "100,000", "ordered", "alive")[4:], ["30", "60"])
        self.assertEqual(self.row("slots", "1,000,000", "shuffled", "garbage")[4:],
                         ["338", "675"])

    def test_stability_reports_cv_repetitions_and_retries(self):
        cells = self.row("ordered cnode alive")
        self.assertEqual(cells[1], "2.0 % (40 reps; 0 re-measured, 0 kept preempted)")
        self.assertEqual(cells[2], "3.1 % (40 reps; 2 re-measured, 1 kept preempted)")

    def test_stability_reports_the_load(self):
        self.assertEqual(self.row("highest load average during these cases")[1:],
                         ["1.00", "1.00"])
        self.assertEqual(self.row("load average at the run's start / end")[1:],
                         ["0.10 / ?", "0.50 / 1.25"])

    def test_quiet_needs_a_low_load_during_the_cases_and_nothing_kept_preempted(self):
        verdict = "quiet enough to quote (load < 1.5, none kept preempted)"
        # 3.12 kept a preempted reading.
        self.assertEqual(self.row(verdict)[1:], ["yes", "NO"])
        quiet, busy = sweep(scale=1.0), sweep(scale=1.0)
        quiet["full/ordered/slots/garbage/100000"] = pause(3000.0, 100_000, load=1.4)
        busy["full/ordered/slots/garbage/100000"] = pause(3000.0, 100_000, load=1.5)
        self.text = pause_table.render(bench_results.load([
            write_result(self.directory, "cp313-dddddd", {"python_version_short": "3.13.0"},
                         quiet),
            write_result(self.directory, "cp310-eeeeee", {"python_version_short": "3.10.13"},
                         busy)]))
        self.lines = self.text.splitlines()
        self.assertEqual(self.row(verdict)[1:], ["NO", "yes"])

    def test_fixed_cost_and_missing_cells(self):
        cells = self.row("full, empty heap (us)")
        self.assertEqual(cells[1], "2.5 (p99 3.8)")
        self.assertEqual(cells[2], "- (p99 -)")
        self.assertEqual(self.row("frozen startup objects")[1:], ["6012", "?"])
        self.assertEqual(self.row("objects outside the freeze")[1:], ["5", "?"])

    def test_crosscheck_ratio_and_verdict(self):
        self.assertEqual(self.row("gc_collect", "3.12.1 pyenv")[2:6],
                         ["100.0", "104.0", "0.962", "yes"])
        self.assertEqual(self.row("gc_traversal", "3.12.1 pyenv")[2:6],
                         ["2,000.0", "2,500.0", "0.800", "NO"])

    def test_matrix_per_interpreter(self):
        self.assertIn("## Shapes and kinds, ns per object: 3.11.2 Debian", self.text)
        cells = self.row("10,000", "full", "ring21", "garbage")
        self.assertEqual(cells[4:], ["-", "-", "120", "-", "-"])

    def test_main_writes_the_file(self):
        out = os.path.join(self.directory, "pauses.md")
        pause_table.main(["pause_table.py", out, self.py311, self.py312])
        with open(out, encoding="utf-8") as handle:
            self.assertEqual(handle.read(), self.text)


class PlotTest(Fixture):
    def setUp(self):
        super().setUp()
        self.svg = ElementTree.fromstring(pause_plot.render(self.results))

    def lines(self):
        """{stroke colour, dashed}: [(x, y) points] for every plotted line."""
        found = {}
        for polyline in self.svg.iter(SVG + "polyline"):
            points = [tuple(float(v) for v in pair.split(","))
                      for pair in polyline.get("points").split()]
            found.setdefault((polyline.get("stroke"), polyline.get("stroke-dasharray")),
                             []).append(points)
        return found

    def test_one_line_per_panel_kind_and_interpreter(self):
        lines = self.lines()
        # Two interpreters x two kinds (solid C type, dashed class), in each of four panels.
        self.assertEqual(len(lines), 4)
        for polylines in lines.values():
            self.assertEqual(len(polylines), 4)
            for points in polylines:
                self.assertEqual(len(points), 3)  # N = 1e3, 1e5, 1e6
                xs = [x for x, _ in points]
                self.assertEqual(xs, sorted(xs))

    def test_slower_interpreter_plots_higher(self):
        # y grows downwards in SVG: 3.12's figures are twice 3.11's, so its y is smaller.
        by_colour = {}
        for (colour, dash), polylines in self.lines().items():
            if dash is None:
                by_colour[colour] = polylines[0]
        first, second = pause_plot.COLORS[0], pause_plot.COLORS[1]
        for (_, y311), (_, y312) in zip(by_colour[first], by_colour[second]):
            self.assertLess(y312, y311)

    def test_legend_names_the_interpreters_and_kinds(self):
        texts = [element.text for element in self.svg.iter(SVG + "text")]
        for label in ("3.11.2 Debian", "3.12.1 pyenv", "C type (tp_traverse)",
                      "class with __slots__"):
            self.assertIn(label, texts)

    def test_no_sweep_is_an_error(self):
        empty = write_result(self.directory, "cp39-cccccc", {"python_version_short": "3.9.18"},
                             {"full/empty/none/alive/0": pause(2.5, 0)})
        with self.assertRaises(SystemExit):
            pause_plot.render(bench_results.load([empty]))


class RealOutputTest(unittest.TestCase):
    """A trimmed gc_pause_bench --gcfuzz_quick run: the parser reads the real format."""

    def setUp(self):
        self.result = bench_results.load([EXCERPT])[0]

    def test_context_and_cases(self):
        self.assertEqual(self.result.label, "3.11.2 Debian")
        case = "full/ordered/cnode/alive/100000"
        self.assertGreater(self.result.value(case, "ns_per_object"), 0)
        self.assertLess(self.result.value(case, aggregate="cv"), 1)
        self.assertEqual(self.result.value(case, "repetitions"), 40)
        self.assertIsNotNone(self.result.value(case, "offcpu_us", "max"))
        self.assertGreaterEqual(self.result.value(case, "load1", "max"), 0)

    def test_table_and_plot_render(self):
        text = pause_table.render([self.result])
        self.assertIn("| ordered cnode alive |", text)
        ElementTree.fromstring(pause_plot.render([self.result]))


if __name__ == "__main__":
    unittest.main()
