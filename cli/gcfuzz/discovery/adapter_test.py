"""The adapter file's checks that need no interpreter, and what --write produces."""
import os
import tempfile
import unittest

from gcfuzz.discovery import adapter
from gcfuzz.errors import SetupError

REPORT = {
    "module": "m",
    "adapter": {"path": None, "skip": ["reset"], "releasing": {}, "factories": [],
                "setup": False},
    "functions_denied": ["system"],
    "classes": [
        {"name": "Box", "origin": "exported", "module": "m", "maker": "m.Box()",
         "construct": {"forms": [{"args": [], "keeps": []}]},
         "methods": [{"name": "put", "arities": [1], "calls": [], "releases": False},
                     {"name": "clear", "arities": [0], "calls": [], "releases": True}],
         "attributes": [{"name": "x", "writable": "list"}], "dict": False,
         "denied": ["acquire"]},
        {"name": "Parser", "origin": "exported", "module": "m", "maker": None,
         "construct": {"forms": []}, "hint": "Parser(encoding)"},
        {"name": "box_iterator", "origin": "result", "module": "m",
         "maker": "iter(m.Box())"},
    ],
}


class CheckTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)

    def write(self, text):
        path = os.path.join(self.directory.name, "adapter.py")
        with open(path, "w") as handle:
            handle.write(text)
        return path

    def assertRejected(self, text, expected):
        path = self.write(text)
        with self.assertRaises(SetupError) as caught:
            adapter.check(path)
        message = str(caught.exception)
        self.assertTrue(message.endswith(expected), message)
        self.assertIn("adapter.py:", message)
        self.assertEqual(len(message.splitlines()), 1)

    def test_syntax_error_names_its_line(self):
        self.assertRejected("SKIP = []\nFACTORIES = {\n", ":2: syntax error: '{' was never closed")

    def test_unknown_keys_name_their_line(self):
        self.assertRejected("SKIP = []\n\nFACTORY = {}\n", ":3: unknown key FACTORY (an adapter "
                            "sets FACTORIES, SKIP, RELEASING, SETUP, MAX_CHAIN, CACHED)")
        self.assertRejected("Skip = []\n", ":1: unknown key Skip (an adapter sets FACTORIES, "
                            "SKIP, RELEASING, SETUP, MAX_CHAIN, CACHED)")

    def test_helpers_and_imports_are_the_files_own(self):
        adapter.check(self.write("import os\nhelper = os.getcwd\nSKIP = []\nSETUP = ''\n"))

    def test_missing_file(self):
        with self.assertRaises(SetupError) as caught:
            adapter.check(os.path.join(self.directory.name, "absent.py"))
        self.assertIn("no such file", str(caught.exception))

    def test_written_adapter_is_accepted(self):
        path = self.write("")
        adapter.write(REPORT, path)
        with open(path) as handle:
            text = handle.read()
        namespace = {}
        exec(compile(text, path, "exec"), namespace)
        self.assertEqual(namespace["FACTORIES"], {}, "the stub is a comment")
        self.assertIn("# 'Parser': lambda: Parser(...),  # Parser(encoding)", text)
        self.assertEqual(namespace["SKIP"], ["reset"])
        self.assertIn("# denied by discovery's built-in list: Box.acquire", text)
        self.assertIn("# denied by discovery's built-in list: system", text)
        self.assertEqual(namespace["RELEASING"], {"Box": ["clear"]})
        self.assertEqual(namespace["SETUP"], "")
        self.assertIn("#   box_iterator (m, found as a result: iter(m.Box()))", text)
        self.assertIn("#     methods: put/1, clear/0", text)


if __name__ == "__main__":
    unittest.main()
