import argparse
import json
import os
import tempfile
import unittest

from gcfuzz import module_plan
from gcfuzz.errors import SetupError, UsageError

LOADED = ("INFO: Loaded 2 modules   (6034 inline 8-bit counters): 5964 [0x5612a3e4b480, "
          "0x5612a3e4cbcc), 70 [0x7fa478623c60, 0x7fa478623ca6), \n")


class ModuleEdgesTest(unittest.TestCase):
    def test_counts_the_modules_after_the_target(self):
        self.assertEqual(module_plan.module_edges("INFO: Seed: 1\n" + LOADED), 70)

    def test_an_uninstrumented_module_brings_none(self):
        self.assertEqual(module_plan.module_edges(
            "INFO: Loaded 1 modules   (5964 inline 8-bit counters): 5964 [0x1, 0x2), \n"), 0)

    def test_no_line_is_unknown(self):
        self.assertIsNone(module_plan.module_edges("INFO: Seed: 1\n"))


class SidecarTest(unittest.TestCase):
    def test_a_module_finding_replays_with_its_plan(self):
        with tempfile.TemporaryDirectory() as work:
            plan = os.path.join(work, "plan.json")
            with open(plan, "w") as handle:
                json.dump({"module": "pairs"}, handle)
            finding = os.path.join(work, "crash-1")
            open(finding, "wb").close()
            self.assertEqual(module_plan.env_for(finding), {})
            self.assertIsNone(module_plan.module_of(finding))
            module_plan.save_beside(finding, plan)
            self.assertEqual(module_plan.env_for(finding),
                             {module_plan.PLAN_VARIABLE: finding + ".module"})
            self.assertEqual(module_plan.module_of(finding), "pairs")

    def test_a_broken_sidecar_is_a_one_line_error(self):
        with tempfile.TemporaryDirectory() as work:
            finding = os.path.join(work, "crash-1")
            with open(finding + ".module", "w") as handle:
                handle.write("{")
            with self.assertRaises(SetupError):
                module_plan.module_of(finding)


class OptionsTest(unittest.TestCase):
    def args(self, **given):
        values = dict(module=None, path=None, adapter=None)
        values.update(given)
        return argparse.Namespace(**values)

    def test_path_and_adapter_need_a_module(self):
        for option in ("path", "adapter"):
            with self.assertRaises(UsageError):
                module_plan.check_options(self.args(**{option: "x"}))

    def test_a_missing_path_or_adapter_is_a_setup_error(self):
        with self.assertRaises(SetupError):
            module_plan.check_options(self.args(module="m", path="/no/such/dir"))
        with self.assertRaises(SetupError):
            module_plan.check_options(self.args(module="m", adapter="/no/such/file.py"))


if __name__ == "__main__":
    unittest.main()
