"""./gcfuzz discover through main(): the readable report, --write, --json, and bad input
as one line and a non-zero exit. The interpreter is the default one (Debian's)."""
import contextlib
import io
import json
import os
import tempfile
import textwrap
import unittest
import unittest.mock

from gcfuzz import main, paths
from gcfuzz.discovery import adapter


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main.main(argv)
    return code, out.getvalue(), err.getvalue()


class DiscoverCommandTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        patch = unittest.mock.patch.object(paths, "WORK", os.path.join(self.directory.name, "work"))
        patch.start()
        self.addCleanup(patch.stop)

    def write(self, name, text):
        path = os.path.join(self.directory.name, name)
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(text))
        return path

    def assertOneLineError(self, argv, code, expected):
        rc, out, err = run(argv)
        self.assertEqual(rc, code, err)
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertTrue(err.startswith("gcfuzz: error: "), err)
        self.assertIn(expected, err)

    def test_report_and_written_adapter(self):
        written = os.path.join(self.directory.name, "collections_adapter.py")
        rc, out, err = run(["discover", "_collections", "--write", written])
        self.assertEqual(rc, 0, err)
        self.assertIn("class deque  [collections.deque]  exported as _collections.deque", out)
        self.assertIn("append(1) keeps", out)
        self.assertIn("clear(0) releases", out)
        self.assertIn("iter(obj) -> _deque_iterator", out)
        self.assertIn("obj[0] = node (int key, after append, kept)", out)
        self.assertIn("_tuplegetter(): TypeError", out)
        self.assertIn("wrote ", out)
        adapter.check(written)
        with open(written) as handle:
            text = handle.read()
        self.assertIn("# '_tuplegetter': lambda: _tuplegetter(...),", text)
        self.assertIn("'deque': ['clear', 'pop', 'popleft'],", text)

    def test_json(self):
        rc, out, _ = run(["discover", "array", "--json"])
        self.assertEqual(rc, 0)
        report = json.loads(out)
        self.assertEqual([c["name"] for c in report["classes"]], ["array"])

    def test_a_crash_is_a_finding(self):
        self.write("segv.py", """\
            import os, signal
            class Fine:
                pass
            class Crashes:
                def __init__(self):
                    os.kill(os.getpid(), signal.SIGSEGV)
            """)
        rc, out, err = run(["discover", "segv", "--path", self.directory.name])
        self.assertEqual(rc, 1, err)
        # A signal, or ASan's report of it when a build preloads the ASan runtime.
        self.assertRegex(out, r"Crashes: (SIGSEGV|AddressSanitizer: SEGV) during "
                              r"'construct Crashes\(\)'")
        self.assertIn("reproducer: ", out)
        self.assertTrue(os.path.isfile(os.path.join(paths.WORK, "discover", "segv",
                                                    "crash-1.py")))
        self.assertIn("class Fine", out)

    def test_a_module_that_does_not_import(self):
        self.assertOneLineError(["discover", "gcfuzz_no_such_module"], 3,
                                "cannot import gcfuzz_no_such_module: ModuleNotFoundError: "
                                "No module named 'gcfuzz_no_such_module'")

    def test_a_module_without_classes(self):
        self.assertOneLineError(["discover", "_heapq"], 3, "_heapq has no classes")

    def test_a_path_that_does_not_exist(self):
        self.assertOneLineError(["discover", "array", "--path", "/no/such/dir"], 3,
                                "--path /no/such/dir: no such directory")

    def test_bad_adapters(self):
        syntax = self.write("syntax.py", "SKIP = [\n")
        self.assertOneLineError(["discover", "array", "--adapter", syntax], 3,
                                "syntax.py:1: syntax error")
        unknown = self.write("unknown.py", "SKIP = []\nFACTORY = {}\n")
        self.assertOneLineError(["discover", "array", "--adapter", unknown], 3,
                                "unknown.py:2: unknown key FACTORY")
        raising = self.write("raising.py", """\
            FACTORIES = {
                "array": lambda: array("i"),
                "broken": lambda: array("not a typecode"),
            }
            """)
        self.assertOneLineError(["discover", "array", "--adapter", raising], 3,
                                "raising.py:3: factory 'broken' raised TypeError")
        self.assertOneLineError(["discover", "array", "--adapter",
                                 os.path.join(self.directory.name, "absent.py")], 3,
                                "no such file")

    def test_bad_flags(self):
        self.assertOneLineError(["discover", "array", "--timeout", "0"], 2, "must be positive")
        self.assertOneLineError(["discover"], 2, "the following arguments are required: NAME")


if __name__ == "__main__":
    unittest.main()
