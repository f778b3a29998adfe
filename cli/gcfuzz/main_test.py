"""The CLI's failure contract: bad input is one line on stderr and a non-zero exit."""
import contextlib
import io
import os
import tempfile
import unittest
import unittest.mock

from gcfuzz import errors, interpreters, main


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main(argv)
        except SystemExit as exit_:  # --help
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


class UsageTest(unittest.TestCase):
    def assertOneLineError(self, argv, code):
        rc, out, err = run(argv)
        self.assertEqual(rc, code, err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertTrue(err.startswith("gcfuzz: error: "), err)

    def test_unknown_flag(self):
        self.assertOneLineError(["fuzz", "--bogus"], 2)
        self.assertOneLineError(["test", "--bogus"], 2)

    def test_unknown_command(self):
        self.assertOneLineError(["frobnicate"], 2)

    def test_bad_values(self):
        self.assertOneLineError(["fuzz", "--time", "soon"], 2)
        self.assertOneLineError(["fuzz", "--time", "0"], 2)
        self.assertOneLineError(["test", "-j", "-3"], 2)

    def test_bad_stress_settings(self):
        self.assertOneLineError(["stress", "--threads", "99"], 2)
        self.assertOneLineError(["stress", "--switch-interval", "1"], 2)

    def test_missing_interpreter_file(self):
        self.assertOneLineError(["fuzz", "--python", "/no/such/python3"], 3)

    def test_unknown_interpreter_name(self):
        self.assertOneLineError(["test", "--python", "python9.99"], 2)

    def test_not_a_python(self):
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script:
            script.write("#!/bin/sh\necho 'not python' >&2\nexit 3\n")
        os.chmod(script.name, 0o755)
        try:
            self.assertOneLineError(["fuzz", "--python", script.name], 3)
        finally:
            os.unlink(script.name)

    def test_a_targets_set_up_failure_is_relayed_as_one(self):
        output = "INFO: Seed: 1\ngcfuzz: error: GCFUZZ_PLANT: unknown defect id 'x'\n"
        error = errors.target_setup_failure(errors.SETUP_FAILURE_EXIT_CODE, output)
        self.assertEqual(str(error), "GCFUZZ_PLANT: unknown defect id 'x'")
        self.assertEqual(error.exit_code, errors.SETUP_FAILURE_EXIT_CODE)
        self.assertIsNone(errors.target_setup_failure(1, output), "a finding is not one")

    def test_a_line_already_on_the_terminal_is_not_printed_again(self):
        def fail(_args):
            raise errors.SetupError("GCFUZZ_STRESS_THREADS=99: expected ...", shown=True)
        with unittest.mock.patch.object(main.fuzz, "run", fail):
            rc, _, err = run(["fuzz"])
        self.assertEqual((rc, err), (errors.SETUP_FAILURE_EXIT_CODE, ""))

    def test_help_on_every_level(self):
        for argv in (["--help"], ["fuzz", "--help"], ["test", "--help"]):
            rc, out, _ = run(argv)
            self.assertEqual(rc, 0)
            self.assertIn("usage:", out)


class InterpreterTest(unittest.TestCase):
    def test_default_describes_itself(self):
        interpreter = interpreters.probe(interpreters.DEFAULT)
        self.assertEqual(interpreter.executable, os.path.realpath(interpreters.DEFAULT))
        self.assertRegex(interpreter.tag, r"^cp3\d+d?-[0-9a-f]{6}$")

    def test_tags_differ_per_executable(self):
        found = interpreters.all_usable()
        self.assertEqual(len({i.tag for i in found}), len(found))


if __name__ == "__main__":
    unittest.main()
