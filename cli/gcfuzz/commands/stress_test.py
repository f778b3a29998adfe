"""./gcfuzz stress: its settings are checked before anything builds, and a saved finding's
sidecar is read back exactly as written (what a re-run needs)."""
import argparse
import json
import os
import tempfile
import unittest

from gcfuzz.commands import stress
from gcfuzz.errors import SetupError, UsageError


def arguments(**overrides):
    values = {"threads": 4, "switch_interval": 1e-6}
    values.update(overrides)
    return argparse.Namespace(**values)


class CheckTest(unittest.TestCase):
    def test_thread_count_bounds(self):
        stress.check(arguments(threads=2))
        stress.check(arguments(threads=stress.MAX_THREADS))
        for bad in (1, stress.MAX_THREADS + 1):
            with self.assertRaises(UsageError):
                stress.check(arguments(threads=bad))

    def test_switch_interval_bounds(self):
        for bad in (0.0, -1e-6, 0.5):
            with self.assertRaises(UsageError):
                stress.check(arguments(switch_interval=bad))


class SidecarTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.artifact = os.path.join(self.folder.name, "crash-1")
        with open(self.artifact, "wb") as handle:
            handle.write(b"\x01\x02\x03")

    def tearDown(self):
        self.folder.cleanup()

    def test_round_trip(self):
        settings = {"threads": 3, "switch_interval": 2e-6, "plant": "thread-affine-traverse",
                    "signature": "libFuzzer: deadly signal [thread-affine-traverse] - @ ?"}
        stress.save_settings(self.artifact, settings)
        loaded = stress.load_settings(self.artifact)
        self.assertEqual(loaded, dict(settings))
        with open(self.artifact + ".plant") as handle:
            self.assertEqual(handle.read().strip(), "thread-affine-traverse")
        env = stress.stress_env(loaded)
        self.assertEqual(env["GCFUZZ_STRESS_THREADS"], "3")
        self.assertEqual(float(env["GCFUZZ_SWITCH_INTERVAL"]), 2e-6)

    def test_missing_sidecar_is_one_clear_error(self):
        with self.assertRaisesRegex(SetupError, "not a stress finding"):
            stress.load_settings(self.artifact)

    def test_broken_sidecar_is_one_clear_error(self):
        with open(self.artifact + ".stress", "w") as handle:
            json.dump({"threads": "many"}, handle)
        with self.assertRaisesRegex(SetupError, "unreadable"):
            stress.load_settings(self.artifact)

    def test_missing_file(self):
        with self.assertRaises(SetupError):
            stress.load_settings(os.path.join(self.folder.name, "nothing"))


if __name__ == "__main__":
    unittest.main()
