"""The CLI's side of tools/gcfuzz_program: what a file means, and its emitted forms."""
import os
import subprocess

from . import defects, module_plan
from .errors import SetupError


def path_in(directory):
    return os.path.join(directory, "tools", "gcfuzz_program")


# Targets whose raw (not serialized) inputs decode differently from graph_fuzzer's.
RAW_TARGETS = ("threads_fuzzer", "lifecycle_fuzzer", "stress_fuzzer", "graph_fuzzer")


def raw_target_hint(path):
    """The target that saved a file: a sidecar FILE.target, a folder named after a target on
    its path (work/<target>/findings/), or a hunt folder (work/hunt/<defect>/: the target
    that hunts the defect, graph_fuzzer for most). None: not known (a file from elsewhere,
    read by its content)."""
    sidecar = path + ".target"
    if os.path.isfile(sidecar):
        with open(sidecar, encoding="utf-8", errors="replace") as handle:
            named = handle.read().strip()
        if named in RAW_TARGETS:
            return named
    parts = os.path.abspath(path).split(os.sep)[:-1]
    for part in reversed(parts):
        if part in RAW_TARGETS:
            return part
    for before, part in zip(parts, parts[1:]):
        if before == "hunt":
            return defects.target_for(part)
    return None


def call(tool, *args):
    """stdout of `gcfuzz_program ARGS`, or a SetupError with its one-line complaint. The file
    (the argument after the command) means what the target that saved it made of it."""
    args = [str(a) for a in args]
    env = dict(os.environ)
    if len(args) >= 2 and os.path.isfile(args[1]):
        hint = raw_target_hint(args[1])
        if hint:
            args += ["--saved-by", hint]
        module = module_plan.env_for(args[1])  # a module finding: its module's kinds
        if module:
            env.update(module)
            # What a third-party module leaves allocated at exit is no fault of the tool's.
            env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"),
                                                         "detect_leaks=0"]))
    result = subprocess.run([tool] + args, stdout=subprocess.PIPE, env=env,
                            stderr=subprocess.PIPE, text=True, errors="replace")
    if result.returncode != 0:
        lines = [l for l in result.stderr.strip().splitlines() if l.strip()]
        raise SetupError(lines[0] if lines else "gcfuzz_program %s failed" % args[0])
    return result.stdout


class Description:
    """`gcfuzz_program ops FILE`: the target, the form and the operations."""

    def __init__(self, text):
        lines = text.splitlines()
        header = dict(field.split("=", 1) for field in lines[0].split())
        self.target = header["target"]
        self.form = header["form"]
        self.bytes = int(header["bytes"])
        self.nodes = int(header["nodes"])
        self.op_count = int(header["ops"])
        self.ops = []  # (index, kind, created node or None, text)
        self.hook_sizes = {}  # operation index: how many hook actions its create has
        for line in lines[1:]:
            index, kind, created, hook_size, op_text = line.split("\t", 4)
            self.ops.append((int(index), kind, None if created == "-" else int(created), op_text))
            if int(hook_size):
                self.hook_sizes[int(index)] = int(hook_size)

    def size(self):
        return "%d bytes, %d nodes, %d operations" % (self.bytes, self.nodes, self.op_count)


def describe(tool, path):
    return Description(call(tool, "ops", os.path.abspath(path)))
