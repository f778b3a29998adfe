"""./gcfuzz print FILE: the program a fuzzer input (corpus file, finding) stands for."""
import os

from .. import build, interpreters, program_tool
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
    tool = program_tool.path_in(directory)
    # As the target that saved the file made of it (a hunt or findings folder says which).
    print(program_tool.call(tool, "print", os.path.abspath(args.file)), end="")
    return 0
