"""The built-in deny list: what it stops, and the container operations it must not."""
import re
import unittest

from gcfuzz.discovery import deny


class DenyTest(unittest.TestCase):
    def test_dangerous_names(self):
        for name in ("_exit", "abort", "fork", "forkpty", "kill", "killpg", "execv", "execvpe",
                     "system", "spawnlp", "sleep", "wait", "waitpid", "acquire", "signal",
                     "setitimer", "_sigsegv", "_read_null", "string_at", "input", "readline",
                     "unlink", "rmdir", "chdir", "rmtree"):
            self.assertTrue(deny.denied(name), name)

    def test_container_operations_are_not_denied_as_methods(self):
        for name in ("append", "add", "update", "insert", "extend", "clear", "pop", "remove",
                     "get", "execute", "forward", "killed_count", "sleepy"):
            self.assertFalse(deny.denied(name), name)

    def test_file_operations_are_denied_as_functions(self):
        for name in ("remove", "rename", "close", "write"):
            self.assertFalse(deny.denied(name), name)
            self.assertTrue(deny.denied(name, function=True), name)

    def test_skip_names_are_literal(self):
        self.assertTrue(deny.denied("Box.reset", skip=["Box.reset"]))
        self.assertFalse(deny.denied("BoxXreset", skip=["Box.reset"]))
        self.assertFalse(deny.denied("reset_all", skip=["reset"]))

    def test_rules_compile_as_the_probe_compiles_them(self):
        rules = deny.rules(["x"])
        for pattern in rules["everywhere"] + rules["functions"]:
            re.compile(pattern)
        self.assertEqual(set(rules), {"everywhere", "functions"})


if __name__ == "__main__":
    unittest.main()
