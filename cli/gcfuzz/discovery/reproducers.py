"""A trial that crashed or hung during discovery is already a finding: it is saved as a
standalone script, work/discover/<module>/crash-<n>.py or timeout-<n>.py (libFuzzer's
prefixes), that runs exactly the trial's code in a fresh interpreter.

The trial's code comes from the probe as it ran it; only what the probe did once at start
(the --path entry, the adapter and its SETUP) is written here in front of it. Running the
same discovery again finds the same file instead of adding a copy.
"""
import glob
import os
import re


def prelude(module, path=None, adapter=None):
    lines = []
    if path:
        lines += ["import sys", "sys.path.insert(0, %r)" % path]
    if adapter:
        root = module.split(".")[0]
        lines += [
            "# The adapter, as discovery loaded it: its SETUP runs before the import, its",
            "# factories see the module's names.",
            "import importlib",
            "import sys",
            "adapter = {'__name__': 'gcfuzz_adapter', '__file__': %r}" % adapter,
            "with open(%r) as handle:" % adapter,
            "    exec(compile(handle.read(), %r, 'exec'), adapter)" % adapter,
            "exec(adapter.get('SETUP', ''), adapter)",
            "_module = importlib.import_module(%r)" % module,
            "for _name in dir(_module):",
            "    adapter.setdefault(_name, getattr(_module, _name))",
            "adapter.setdefault(%r, sys.modules[%r])" % (root, root),
            "FACTORIES = adapter.get('FACTORIES', {})",
        ]
    return lines


def header(module, death, interpreter, target):
    return ["# gcfuzz discover %s: %s during %r." % (module, death.how, death.trial["label"]),
            "# Run it: %s -I %s" % (interpreter, target)]


def body(module, death, path=None, adapter=None):
    return "\n".join(prelude(module, path, adapter) + [death.trial["code"]])


def save(directory, module, death, interpreter, path=None, adapter=None):
    """The reproducer's path: the same file already there (same trial, code and
    interpreter), or a new one."""
    code = body(module, death, path, adapter)

    def content(target):
        return "\n".join(header(module, death, interpreter, target)) + "\n" + code
    prefix = "timeout" if death.timed_out else "crash"
    os.makedirs(directory, exist_ok=True)
    numbers = []
    for existing in glob.glob(os.path.join(directory, prefix + "-*.py")):
        match = re.search(r"-(\d+)\.py$", existing)
        if match:
            numbers.append(int(match.group(1)))
        with open(existing, encoding="utf-8") as handle:
            if handle.read() == content(existing):
                return existing
    target = os.path.join(directory, "%s-%d.py" % (prefix, max(numbers, default=0) + 1))
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(content(target))
    return target
