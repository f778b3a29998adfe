"""./gcfuzz python [ARGS...]: the chosen interpreter with the fixtures module importable.

The module is built with ASan (it is the fuzzers' code), so a plain interpreter needs the
ASan runtime preloaded; leak detection is off for that process because the interpreter
itself does not free everything at exit. The build tree says what to set
(preloaded_python.env). Everything after the options goes to python.
"""
import subprocess

from .. import build, interpreters, preloaded_python
from ..arguments import add_python_option

NAME = "python"
SUMMARY = "run the interpreter with _gcfuzz_fixtures importable (for scripts and reproducers)"


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("args", nargs="*", metavar="ARG", help="arguments for python (after --)")


def run(args):
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=["gcfuzz_fixtures_module"],
                                   quiet=True)
    return subprocess.run([interpreter.executable] + args.args,
                          env=preloaded_python.environment(directory)).returncode
