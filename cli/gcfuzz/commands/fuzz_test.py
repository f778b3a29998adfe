import io
import os
import sys
import tempfile
import textwrap
import unittest
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

from gcfuzz import known_crash_restarts, libfuzzer_log, paths, program_tool, replay
from gcfuzz.commands import fuzz
from gcfuzz.interpreter_bugs_test import CLEARWEAKREFS

# A stand-in for libFuzzer, run as libFuzzer is (CORPUS_DIR... -flag=value...): crashes
# like the known interpreter bug on its first FAKE_CRASHES runs, writing the crash file
# under -artifact_prefix and the same input into its corpus, then runs clean. FAKE_WORK
# counts its runs; FAKE_OUTPUT is what a crash prints. With FAKE_FINAL (a file) set, the run
# after those crashes prints it and stops on a finding instead of running clean. With
# FAKE_INITED set, every run says it ran its corpus and began fuzzing before anything else.
FAKE_FUZZER = textwrap.dedent("""\
    #!%s
    import os, sys
    work, crashes = os.environ["FAKE_WORK"], int(os.environ["FAKE_CRASHES"])
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")][0]
    prefix = [a.split("=", 1)[1] for a in sys.argv if a.startswith("-artifact_prefix=")][0]
    count_file = os.path.join(work, "runs")
    runs = int(open(count_file).read()) if os.path.exists(count_file) else 0
    open(count_file, "w").write(str(runs + 1))
    stats = "-print_final_stats=1" in sys.argv  # as libFuzzer: the totals only with this
    os.environ.get("FAKE_INITED") and print("#2\\tINITED cov: 12 ft: 34 corp: 5/1Kb exec/s: 0 rss: 1Mb")
    print("#64\\tpulse  cov: 12 ft: 34 corp: 5/1Kb lim: 4 exec/s: 50 rss: 1Mb")
    if runs < crashes:
        os.makedirs(corpus, exist_ok=True)
        open(os.path.join(corpus, "%%040d" %% runs), "w").write("x")
        artifact = prefix + "crash-%%040d" %% runs
        open(artifact, "w").write("x")
        sys.stdout.write(open(os.environ["FAKE_OUTPUT"]).read())
        print("Test unit written to " + artifact)
        stats and print("stat::number_of_executed_units: 100")
        sys.exit(1)
    if os.environ.get("FAKE_FINAL"):
        artifact = prefix + "crash-final"
        open(artifact, "w").write("y")
        sys.stdout.write(open(os.environ["FAKE_FINAL"]).read())
        print("Test unit written to " + artifact)
        stats and print("stat::number_of_executed_units: 100")
        sys.exit(1)
    stats and print("stat::number_of_executed_units: 100")
""") % sys.executable


def fake_fuzzer(work, crashes, output_text):
    """Writes the stand-in into `work`; returns its path and the environment it needs."""
    script = os.path.join(work, "fake_fuzzer")
    with open(script, "w") as handle:
        handle.write(FAKE_FUZZER)
    os.chmod(script, 0o755)
    output = os.path.join(work, "output.txt")
    with open(output, "w") as handle:
        handle.write(output_text)
    return script, {"FAKE_WORK": work, "FAKE_CRASHES": str(crashes), "FAKE_OUTPUT": output}


class RestartTest(unittest.TestCase):
    def run_fake(self, crashes, output_text, version="3.11", **extra_env):
        with tempfile.TemporaryDirectory() as work:
            findings = os.path.join(work, "graph_fuzzer", "findings")
            os.makedirs(findings)
            executable, env = fake_fuzzer(work, crashes, output_text)
            env.update(extra_env)
            command = [executable,
                       os.path.join(work, "graph_fuzzer", "corpus"),
                       "-print_final_stats=1", "-artifact_prefix=%s%s" % (findings, os.sep)]
            with mock.patch.object(paths, "WORK", work), redirect_stderr(io.StringIO()):
                rc, runs, set_apart = fuzz.fuzz_for(600, lambda seconds: command,
                                                    dict(os.environ, **env),
                                                    version,
                                                    os.path.join(work, "graph_fuzzer"))
            left_in_corpus = sorted(os.listdir(os.path.join(work, "graph_fuzzer", "corpus")))
            set_aside_files = [os.path.exists(moved) for _, moved in set_apart]
            return rc, runs, set_apart, left_in_corpus, set_aside_files

    def test_known_interpreter_crashes_are_set_aside_and_fuzzing_goes_on(self):
        rc, runs, set_apart, corpus, present = self.run_fake(2, CLEARWEAKREFS)
        self.assertEqual(rc, 0)
        self.assertEqual(len(runs), 3)
        self.assertEqual([bug.id for bug, _ in set_apart], ["cpython-clearweakrefs-gc"] * 2)
        self.assertEqual(present, [True, True])
        self.assertEqual(corpus, [], "a crashing corpus input would crash every restart")
        summary = fuzz.combined(runs)
        self.assertEqual(summary.total_executions, 300)
        self.assertEqual(summary.artifacts, [])
        self.assertEqual(summary.summaries, [])
        self.assertEqual(summary.coverage, 12)

    def test_any_other_crash_ends_the_run_as_a_finding(self):
        other = CLEARWEAKREFS.replace("PyObject_ClearWeakRefs", "subtype_dealloc")
        rc, runs, set_apart, corpus, _ = self.run_fake(2, other)
        self.assertEqual(rc, 1)
        self.assertEqual((len(runs), set_apart), (1, []))
        self.assertEqual(len(fuzz.combined(runs).artifacts), 1)

    def test_the_known_bug_on_a_version_it_does_not_affect_is_a_finding(self):
        rc, runs, set_apart, _, _ = self.run_fake(2, CLEARWEAKREFS, version="3.12")
        self.assertEqual((rc, len(runs), set_apart), (1, 1, []))

    def test_an_interpreter_that_always_crashes_stops_the_restarts(self):
        rc, runs, set_apart, _, _ = self.run_fake(1000, CLEARWEAKREFS)
        self.assertEqual(len(set_apart),
                         known_crash_restarts.QUICK_RESTARTS_BEFORE_GIVING_UP + 1)

    def test_crashes_after_fuzzing_began_never_stop_the_restarts(self):
        # Each run fuzzed before it crashed: a corpus that meets the bug often, not a corpus
        # that crashes at once. It fuzzes on for its time, however many there are.
        crashes = known_crash_restarts.QUICK_RESTARTS_BEFORE_GIVING_UP + 5
        rc, runs, set_apart, _, _ = self.run_fake(crashes, CLEARWEAKREFS, FAKE_INITED="1")
        self.assertEqual((rc, len(set_apart), len(runs)), (0, crashes, crashes + 1))
        self.assertEqual(rc, 0)


class FakeInterpreter:
    def describe(self):
        return "CPython 3.11 (test)"


class SummaryTest(unittest.TestCase):
    def summary(self, output, rc, plant="", python_choice=None):
        """print_summary's text for a run that printed `output`, and the build it names."""
        with tempfile.TemporaryDirectory() as work:
            executable = os.path.join(work, "fuzzers", "graph_fuzzer")
            os.makedirs(os.path.dirname(executable))
            with open(executable, "w") as handle:
                handle.write("#!/bin/sh\n")
            os.chmod(executable, 0o755)
            corpus = os.path.join(work, "corpus")
            os.makedirs(corpus)
            out = io.StringIO()
            with redirect_stdout(out):
                fuzz.print_summary("graph_fuzzer", FakeInterpreter(), work, 3, corpus,
                                   libfuzzer_log.parse(output), rc, (), plant, python_choice)
            return out.getvalue()

    def test_a_run_that_ended_before_its_first_status_line_prints_no_none(self):
        text = self.summary("Test unit written to work/f/crash-1\n"
                            "SUMMARY: AddressSanitizer: heap-use-after-free x.c:1\n", 1,
                            plant="clear-then-dealloc-uses-field")
        self.assertNotIn("None", text)
        self.assertIn("coverage    not reported", text)
        self.assertIn("corpus      0 files in", text)
        self.assertIn("armed       clear-then-dealloc-uses-field", text)

    def test_the_replay_lines_reproduce_as_pasted(self):
        text = self.summary("Test unit written to work/f/crash-1\n", 1,
                            plant="clear-then-dealloc-uses-field", python_choice="3.8")
        self.assertIn("replay      ./gcfuzz repro --python 3.8 work/f/crash-1\n", text)
        self.assertRegex(text, r"by hand     GCFUZZ_PLANT=clear-then-dealloc-uses-field "
                               r"\S*fuzzers/graph_fuzzer work/f/crash-1\n")

    def test_sidecars_say_what_was_armed_and_which_target_saved_it(self):
        with tempfile.TemporaryDirectory() as work:
            artifact = os.path.join(work, "crash-1")
            open(artifact, "w").close()
            replay.save_settings(artifact, "threads_fuzzer", "thread-affine-traverse")
            self.assertEqual(replay.plant_for(artifact, None, ["thread-affine-traverse"]),
                             ("thread-affine-traverse", "crash-1.plant"))
            self.assertEqual(program_tool.raw_target_hint(artifact), "threads_fuzzer")


if __name__ == "__main__":
    unittest.main()
