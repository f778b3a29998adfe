"""./gcfuzz bench's pure parts: the cross-check summary and the load stamp."""
import argparse
import contextlib
import io
import json
import os
import tempfile
import unittest
from unittest import mock

from gcfuzz.commands import bench
from gcfuzz.errors import SetupError


def a_round(suite_collect, script_collect, suite_traversal=3000.0):
    def script(collect):
        return {"gc_collect": {"median_us": collect}, "gc_traversal": {"median_us": 2000.0}}
    return {"suite": {"gc_collect": suite_collect, "gc_traversal": suite_traversal},
            "script": {"frozen": script(script_collect), "unfrozen": script(5 * script_collect)}}


class CrosscheckSummaryTest(unittest.TestCase):
    def test_medians_of_the_rounds(self):
        rounds = [a_round(100.0, 90.0), a_round(300.0, 110.0), a_round(120.0, 100.0, 1000.0)]
        summary = bench.summarize_crosscheck(rounds)
        self.assertEqual(summary["rounds"], rounds)
        self.assertEqual(summary["suite"]["gc_collect"]["median_us"], 120.0)
        self.assertEqual(summary["suite"]["gc_traversal"]["median_us"], 3000.0)
        self.assertEqual(summary["frozen"]["gc_collect"]["median_us"], 100.0)
        self.assertEqual(summary["unfrozen"]["gc_collect"]["median_us"], 500.0)
        self.assertEqual(summary["frozen"]["gc_traversal"]["median_us"], 2000.0)


class LoadStampTest(unittest.TestCase):
    def test_adds_the_load_at_the_end_and_keeps_everything_else(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "cp311.json")
            original = {"context": {"load_avg": [0.5, 0.25, 0.125]},
                        "benchmarks": [{"name": "x", "real_time": 1.5}]}
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(original, handle)
            bench.record_load_after(path)
            with open(path, encoding="utf-8") as handle:
                stamped = json.load(handle)
        after = stamped["context"].pop("gcfuzz_load_avg_after")
        self.assertEqual(len(after), 3)
        self.assertTrue(all(value >= 0 for value in after))
        self.assertEqual(stamped, original)


class FakeInterpreter:
    def __init__(self, name):
        self.name = name

    def describe(self):
        return "CPython " + self.name


class SeveralInterpretersTest(unittest.TestCase):
    """--python all: one interpreter that fails must not cost the others' results."""

    def run_bench(self, names, failing):
        def bench_one(interpreter, args):
            if interpreter.name in failing:
                raise SetupError("build failed (%s)" % interpreter.name)
            return os.path.join(args.out, interpreter.name + ".json")

        rendered = []
        err = io.StringIO()
        with tempfile.TemporaryDirectory() as out, \
                mock.patch.object(bench, "chosen_interpreters",
                                  return_value=[FakeInterpreter(n) for n in names]), \
                mock.patch.object(bench, "bench_one", side_effect=bench_one), \
                mock.patch.object(bench, "render",
                                  side_effect=lambda script, output, inputs:
                                  rendered.append((script, [os.path.basename(i) for i in inputs]))), \
                mock.patch.object(bench, "to_png", return_value=False), \
                contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = bench.run(argparse.Namespace(python="all", out=out))
        return code, rendered, err.getvalue()

    def test_the_others_are_rendered_and_the_failure_is_reported(self):
        code, rendered, err = self.run_bench(["3.8", "3.11", "3.12"], failing={"3.8"})
        self.assertEqual(code, 1)
        self.assertEqual(rendered, [("pause_table.py", ["3.11.json", "3.12.json"]),
                                    ("pause_plot.py", ["3.11.json", "3.12.json"])])
        self.assertIn("skipped CPython 3.8: build failed (3.8)", err)
        self.assertIn("not benchmarked: CPython 3.8", err)

    def test_all_succeeding_exits_zero(self):
        code, rendered, _ = self.run_bench(["3.11", "3.12"], failing=set())
        self.assertEqual(code, 0)
        self.assertEqual(len(rendered), 2)

    def test_a_single_interpreter_fails_as_before(self):
        with self.assertRaises(SetupError):
            self.run_bench(["3.8"], failing={"3.8"})

    def test_nothing_benchmarked_is_an_error(self):
        with self.assertRaises(SetupError):
            self.run_bench(["3.8", "3.9"], failing={"3.8", "3.9"})


if __name__ == "__main__":
    unittest.main()
