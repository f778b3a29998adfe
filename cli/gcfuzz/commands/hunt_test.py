import os
import tempfile
import unittest
from unittest import mock

from gcfuzz import paths
from gcfuzz.commands import hunt
from gcfuzz.commands.fuzz_test import fake_fuzzer
from gcfuzz.interpreter_bugs_test import CLEARWEAKREFS


class HuntPassesOverInterpreterCrashesTest(unittest.TestCase):
    def hunt(self, crashes, output_text, version="3.11"):
        with tempfile.TemporaryDirectory() as work:
            executable, env = fake_fuzzer(work, crashes, output_text)
            with mock.patch.object(paths, "WORK", work), mock.patch.dict(os.environ, env):
                attempt = hunt.hunt_once(executable, "graph_fuzzer", "dealloc-no-untrack", 1,
                                         600, version)
                kept = sorted(os.listdir(os.path.join(work, "hunt", "dealloc-no-untrack",
                                                      "seed-1")))
            return attempt, kept

    def test_a_known_cpython_crash_is_neither_a_find_nor_a_false_positive(self):
        attempt, kept = self.hunt(2, CLEARWEAKREFS)
        self.assertEqual(attempt.outcome, "not found")
        self.assertEqual(attempt.interpreter_crashes, 2)
        self.assertEqual(attempt.executions, 300)
        self.assertEqual(kept, ["cpython-clearweakrefs-gc-crash-%040d" % 0,
                                "cpython-clearweakrefs-gc-crash-%040d" % 1, "output.txt"])

    def test_the_crash_with_the_armed_defects_path_run_is_the_find(self):
        output = CLEARWEAKREFS + ("gcfuzz: planted defects exercised in this input: "
                                  "dealloc-no-untrack\n")
        attempt, _ = self.hunt(2, output)
        self.assertEqual((attempt.outcome, attempt.interpreter_crashes), ("found", 0))

    def test_on_an_unaffected_version_the_crash_is_a_false_positive(self):
        attempt, _ = self.hunt(2, CLEARWEAKREFS, version="3.12")
        self.assertTrue(attempt.outcome.startswith("FALSE POSITIVE"), attempt.outcome)


if __name__ == "__main__":
    unittest.main()
