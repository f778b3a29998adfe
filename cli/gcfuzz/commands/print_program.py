"""./gcfuzz print FILE: the program a graph_fuzzer input (corpus file, finding) stands for."""
import os
import subprocess

from .. import build, interpreters
from ..arguments import add_python_option
from ..errors import SetupError

NAME = "print"
SUMMARY = "show the program a graph_fuzzer input means, in text form"


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("file", help="a corpus file or a finding")


def run(args):
    if not os.path.isfile(args.file):
        raise SetupError("%s: no such file" % args.file)
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=["gcfuzz_program"], quiet=True)
    tool = os.path.join(directory, "tools", "gcfuzz_program")
    result = subprocess.run([tool, "print", os.path.abspath(args.file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            errors="replace")
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or ["gcfuzz_program failed"]
        raise SetupError(lines[-1])
    print(result.stdout, end="")
    return 0
