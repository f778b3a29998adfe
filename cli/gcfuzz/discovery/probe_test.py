"""The probe on its own: the event protocol child.py relies on, and that it stays
runnable by the oldest interpreter discovery supports (3.6)."""
import ast
import glob
import json
import os
import subprocess
import sys
import unittest

from gcfuzz.discovery import child, deny


def run_probe(executable, job):
    result = subprocess.run([executable, "-I", "-B", child.PROBE, json.dumps(job)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return result, [json.loads(line) for line in result.stdout.decode().splitlines()]


def oldest_interpreter():
    """A CPython 3.6 or 3.7 (pyenv's), or None."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    for pattern in ("3.6*", "3.7*"):
        for directory in sorted(glob.glob(os.path.join(root, "versions", pattern))):
            executable = os.path.join(directory, "bin", "python3")
            if os.access(executable, os.X_OK):
                return executable
    return None


class ProbeTest(unittest.TestCase):
    def test_source_is_python_3_6(self):
        with open(child.PROBE) as handle:
            source = handle.read()
        # Rejects what 3.6 cannot parse: walrus, match, positional-only parameters.
        ast.parse(source, child.PROBE, feature_version=(3, 6))

    def test_every_trial_is_announced_with_its_code_and_closed(self):
        job = {"task": "class", "module": "_collections", "deny": deny.rules(),
               "class": {"key": "collections.deque", "name": "deque",
                         "access": "_collections.deque"}}
        result, events = run_probe(sys.executable, job)
        self.assertEqual(result.returncode, 0, result.stderr)
        starts = [e for e in events if e["event"] == "start"]
        ends = [e for e in events if e["event"] == "end"]
        self.assertEqual([e["label"] for e in starts], [e["label"] for e in ends])
        self.assertGreater(len(starts), 50)
        trials = [e for e in starts if e["kind"] == "trial"]
        for event in trials:
            self.assertTrue(event["code"].startswith("import _collections\n"), event)
            self.assertTrue(event["code"].endswith("gc.collect()\n"), event)
            compile(event["code"], event["label"], "exec")
        self.assertEqual(len(set(e["label"] for e in starts)), len(starts), "labels are unique")
        self.assertEqual(events[-1]["event"], "result")

    def test_skipped_trials_are_not_run(self):
        job = {"task": "class", "module": "_collections", "deny": deny.rules(),
               "skip": ["construct deque()"],
               "class": {"key": "collections.deque", "name": "deque",
                         "access": "_collections.deque"}}
        _, events = run_probe(sys.executable, job)
        labels = [e["label"] for e in events if e["event"] == "start"]
        self.assertNotIn("construct deque()", labels)
        result = events[-1]
        self.assertEqual(result["construct"]["crashed"], [[]])
        self.assertEqual(result["maker"], "_collections.deque([])")

    def test_the_oldest_interpreter_runs_a_survey(self):
        executable = oldest_interpreter()
        if executable is None:
            self.skipTest("no CPython 3.6 or 3.7 under pyenv")
        result, events = run_probe(executable, {"task": "survey", "module": "_collections",
                                                "deny": deny.rules()})
        self.assertEqual(result.returncode, 0, result.stderr)
        names = [c["name"] for c in events[-1]["classes"]]
        self.assertIn("deque", names)


if __name__ == "__main__":
    unittest.main()
