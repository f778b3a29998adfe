"""./gcfuzz python [ARGS...]: the chosen interpreter with the fixtures module importable.

The module is built with ASan (it is the fuzzers' code), so a plain interpreter needs the
ASan runtime preloaded; leak detection is off for that process because the interpreter
itself does not free everything at exit. Everything after the options goes to python.
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
    runtime = subprocess.run(["clang", "-print-file-name=libclang_rt.asan-x86_64.so"],
                             stdout=subprocess.PIPE, text=True).stdout.strip()
    if not os.path.isfile(runtime):
        raise SetupError("cannot find the ASan runtime (libclang_rt.asan-x86_64.so)")
    env = dict(os.environ)
    env["LD_PRELOAD"] = runtime
    env["ASAN_OPTIONS"] = "detect_leaks=0:max_free_fill_size=4096"
    env["PYTHONPATH"] = os.path.join(directory, "python")
    return env


def run(args):
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=["gcfuzz_fixtures_module"],
                                   quiet=True)
    return subprocess.run([interpreter.executable] + args.args,
                          env=environment(directory)).returncode
