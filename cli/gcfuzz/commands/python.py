"""./gcfuzz python [ARGS...]: the chosen interpreter with the fixtures module importable.

The module is built with ASan (it is the fuzzers' code), so a plain interpreter needs the
ASan runtime preloaded; leak detection is off for that process because the interpreter
itself does not free everything at exit. The build tree says what to set
(preloaded_python.env). Everything after the options goes to python.
"""
import os
import subprocess

from .. import build, interpreters
from ..arguments import add_python_option
from ..errors import SetupError

NAME = "python"
SUMMARY = "run the interpreter with _gcfuzz_fixtures importable (for scripts and reproducers)"


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("args", nargs="*", metavar="ARG", help="arguments for python (after --)")


def environment(directory):
    """os.environ plus what the build tree says a plain interpreter needs to import the
    fixtures module (PYTHONPATH; for an ASan build the runtime preloaded, ASan's options and
    a symbolizer that does not inherit the preload): cmake/GcfuzzPreloadedPython.cmake
    writes it at configure time, and CTest's script tests use the same."""
    path = os.path.join(directory, "preloaded_python.env")
    try:
        with open(path) as lines:
            settings = [line.rstrip("\n").partition("=") for line in lines if "=" in line]
    except OSError as error:
        raise SetupError("cannot read %s (%s): configure the build again"
                         % (path, error.strerror))
    needed = {name: value for name, _, value in settings}
    if "LD_PRELOAD" in needed and not os.path.isfile(needed["LD_PRELOAD"]):
        raise SetupError("cannot find the ASan runtime %s" % needed["LD_PRELOAD"])
    return dict(os.environ, **needed)


def run(args):
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=["gcfuzz_fixtures_module"],
                                   quiet=True)
    return subprocess.run([interpreter.executable] + args.args,
                          env=environment(directory)).returncode
