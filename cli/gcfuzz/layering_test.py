"""Dependencies point one way: the command modules (gcfuzz.commands.*) use the CLI's other
modules, never the reverse, and no command imports another (what two commands share lives
in a module of its own). main.py, which dispatches to them, is the one exception."""
import ast
import os
import unittest

PACKAGE = os.path.dirname(os.path.abspath(__file__))


def imported_modules(path):
    """The gcfuzz modules a file imports, as dotted names relative to the package."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    in_commands = os.path.basename(os.path.dirname(path)) == "commands"
    here = ["commands"] if in_commands else []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[:len(here) - (node.level - 1)] if node.level > 1 else list(here)
            module = base + (node.module.split(".") if node.module else [])
            for alias in node.names:
                found.add(".".join(module + ([alias.name] if not node.module else [])))
                if node.module:
                    found.add(".".join(module))
    return found


def sources(folder):
    return [os.path.join(folder, name) for name in sorted(os.listdir(folder))
            if name.endswith(".py") and not name.endswith("_test.py")]


class LayeringTest(unittest.TestCase):
    def test_no_module_but_main_imports_a_command(self):
        for path in sources(PACKAGE):
            if os.path.basename(path) == "main.py":
                continue
            commands = [m for m in imported_modules(path) if m.startswith("commands")]
            self.assertEqual(commands, [], "%s imports %s" % (os.path.basename(path), commands))

    def test_no_command_imports_another(self):
        for path in sources(os.path.join(PACKAGE, "commands")):
            others = [m for m in imported_modules(path)
                      if m.startswith("commands.") and m != "commands.__init__"]
            self.assertEqual(others, [], "%s imports %s" % (os.path.basename(path), others))

    def test_the_check_sees_an_import_of_a_command(self):
        # The rule above must be able to fail: a file that does import one is caught.
        import tempfile
        with tempfile.TemporaryDirectory() as work:
            path = os.path.join(work, "commands", "x.py")
            os.makedirs(os.path.dirname(path))
            with open(path, "w") as handle:
                handle.write("from . import fuzz\nfrom .. import paths\n")
            self.assertEqual(imported_modules(path), {"commands.fuzz", "paths"})


if __name__ == "__main__":
    unittest.main()
