"""./gcfuzz bench's pure parts: the cross-check summary and the load stamp."""
import json
import os
import tempfile
import unittest

from gcfuzz.commands import bench


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


if __name__ == "__main__":
    unittest.main()
