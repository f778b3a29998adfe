import io
import os
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

from gcfuzz import find_check, interpreter_bugs, known_crash_restarts
from gcfuzz.commands.fuzz_test import fake_fuzzer
from gcfuzz.interpreter_bugs_test import CLEARWEAKREFS

FOUND = ("==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1\n"
         "SUMMARY: AddressSanitizer: heap-use-after-free x.c:1 in f\n"
         "gcfuzz: planted defects exercised in this input: double-decref-error-path\n")
CLEARWEAKREFS_BUG = interpreter_bugs.KNOWN[0]
FALSE_POSITIVE = "SUMMARY: gcfuzz: leak [traverse-misses-member]\n"


class FindCheckTest(unittest.TestCase):
    def check(self, expect, runs, crashes, final=None, version="3.11"):
        """Runs find_check.main on the stand-in libFuzzer; returns (rc, its output, the
        artifacts left, the corpus left)."""
        with tempfile.TemporaryDirectory() as work:
            executable, env = fake_fuzzer(work, crashes, CLEARWEAKREFS)
            if final is not None:
                env["FAKE_FINAL"] = os.path.join(work, "final.txt")
                with open(env["FAKE_FINAL"], "w") as handle:
                    handle.write(final)
            artifacts = os.path.join(work, "artifacts")
            os.makedirs(artifacts)
            out = io.StringIO()
            with mock.patch.dict(os.environ, env), redirect_stdout(out), \
                    redirect_stderr(io.StringIO()):
                rc = find_check.main([version] + expect + ["--runs", str(runs), "--",
                                     executable, "-artifact_prefix=%s/" % artifacts])
            return rc, out.getvalue(), sorted(os.listdir(artifacts))

    def test_known_interpreter_crashes_are_passed_over_on_the_way_to_the_defect(self):
        rc, out, artifacts = self.check(["--finds", "double-decref-error-path"], 10000, 2,
                                        final=FOUND)
        self.assertEqual(rc, 0, out)
        self.assertIn("PASS: found double-decref-error-path", out)
        self.assertIn("passing over 2 known CPython crashes", out)
        self.assertEqual(artifacts, ["crash-final"] + [
            "interpreter-cpython-clearweakrefs-gc-crash-%040d" % i for i in range(2)])

    def test_the_known_crash_on_a_version_it_does_not_affect_fails_the_hunt(self):
        rc, out, _ = self.check(["--finds", "double-decref-error-path"], 10000, 2,
                                final=FOUND, version="3.12")
        self.assertEqual(rc, 1)
        self.assertIn("FAIL", out)

    def test_a_finding_of_another_class_is_a_false_positive(self):
        rc, out, _ = self.check(["--finds", "double-decref-error-path"], 10000, 0,
                                final=FALSE_POSITIVE)
        self.assertEqual(rc, 1)
        self.assertIn("FALSE POSITIVE while hunting double-decref-error-path: leak "
                      "[traverse-misses-member]", out)

    def test_runs_used_up_without_the_defect_fail(self):
        rc, out, _ = self.check(["--finds", "double-decref-error-path"], 250, 5,
                                final=FOUND)
        self.assertEqual(rc, 1)
        self.assertIn("not found in 300 runs after passing over 3 known CPython crashes", out)

    def test_a_sound_run_passes_over_known_crashes_and_counts_every_run(self):
        rc, out, _ = self.check(["--clean"], 1000, 3)
        self.assertEqual(rc, 0, out)
        self.assertIn("PASS: no finding in 400 runs after passing over 3", out)

    def test_any_finding_fails_a_sound_run(self):
        rc, out, _ = self.check(["--clean"], 1000, 1, final=FOUND)
        self.assertEqual(rc, 1)
        self.assertIn("a finding on the sound catalog: AddressSanitizer: heap-use-after-free",
                      out)

    def test_an_interpreter_that_crashes_at_once_stops_the_restarts(self):
        rc, out, artifacts = self.check(["--clean"], 10 ** 9, 10 ** 6)
        limit = known_crash_restarts.QUICK_RESTARTS_BEFORE_GIVING_UP
        self.assertEqual(len(artifacts), limit + 1)
        self.assertEqual(rc, 1, "giving up is not a clean run")
        self.assertIn("FAIL: gave up after %d known CPython crashes, the last %d each before "
                      "fuzzing began" % (limit + 1, limit + 1), out)

    def once(self, expect, text, rc=1):
        with tempfile.TemporaryDirectory() as work:
            script = os.path.join(work, "replay")
            with open(script, "w") as handle:
                handle.write("#!/bin/sh\ncat <<'EOF'\n%sEOF\nexit %d\n" % (text, rc))
            os.chmod(script, 0o755)
            out = io.StringIO()
            with redirect_stdout(out), redirect_stderr(io.StringIO()):
                status = find_check.main(["3.11"] + expect + ["--once", "--", script])
            return status, out.getvalue()

    def test_once_judges_one_run_by_the_same_rule(self):
        self.assertEqual(self.once(["--finds", "double-decref-error-path"], FOUND),
                         (0, "find_check: PASS: found double-decref-error-path "
                             "(AddressSanitizer: heap-use-after-free) in one run\n"))
        status, out = self.once(["--finds", "double-decref-error-path"], FALSE_POSITIVE)
        self.assertEqual(status, 1)
        self.assertIn("FALSE POSITIVE", out)
        self.assertEqual(self.once(["--clean"], "nothing\n", rc=0)[0], 0)
        status, out = self.once(["--clean"], "nothing\n", rc=3)
        self.assertEqual(status, 1)
        self.assertIn("the command failed (status 3) without a finding", out)

    def test_the_twin_of_a_set_aside_input_leaves_the_corpus_whatever_the_prefix(self):
        with tempfile.TemporaryDirectory() as work:
            corpus = os.path.join(work, "corpus")
            os.makedirs(corpus)
            sha = "0123456789abcdef0123456789abcdef01234567"
            open(os.path.join(corpus, sha), "w").close()
            artifact = os.path.join(work, "double-decref-error-path-crash-" + sha)
            open(artifact, "w").close()
            moved = find_check.set_aside(artifact, CLEARWEAKREFS_BUG, corpus)
            self.assertEqual(os.listdir(corpus), [])
            self.assertEqual(os.path.basename(moved), "interpreter-cpython-clearweakrefs-gc-"
                             "double-decref-error-path-crash-" + sha)

    def test_bad_arguments_are_one_line_and_exit_2(self):
        for argv in (["3.11", "--clean", "--runs", "5"],
                     ["3.11", "--runs", "5", "--", "/bin/true"],
                     ["3.11", "--clean", "--runs", "5", "--", "/nonexistent/fuzzer"],
                     ["3.11", "--clean", "--runs", "5", "--once", "--", "/bin/true"]):
            with redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit) as stop:
                find_check.main(argv)
            self.assertEqual(stop.exception.code, 2, argv)
            self.assertIn("error:", err.getvalue())


if __name__ == "__main__":
    unittest.main()
