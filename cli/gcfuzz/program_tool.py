"""The CLI's side of tools/gcfuzz_program: what a file means, and its emitted forms."""
import os
import subprocess

from .errors import SetupError


def path_in(directory):
    return os.path.join(directory, "tools", "gcfuzz_program")


def call(tool, *args):
    """stdout of `gcfuzz_program ARGS`, or a SetupError with its one-line complaint."""
    result = subprocess.run([tool] + [str(a) for a in args], stdout=subprocess.PIPE,
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
        for line in lines[1:]:
            index, kind, created, op_text = line.split("\t", 3)
            self.ops.append((int(index), kind, None if created == "-" else int(created), op_text))

    def size(self):
        return "%d bytes, %d nodes, %d operations" % (self.bytes, self.nodes, self.op_count)


def describe(tool, path):
    return Description(call(tool, "ops", os.path.abspath(path)))
