"""./gcfuzz test: build the sanitized tree and run the whole suite under CTest."""
import os
import subprocess

from .. import build, interpreters, packages
from ..arguments import add_python_option, positive_int

NAME = "test"
SUMMARY = "build and run the whole test suite (CTest) in the sanitized build"


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("-R", "--regex", metavar="RE",
                        help="only the tests whose name matches RE (ctest -R)")
    parser.add_argument("-j", "--jobs", type=positive_int, default=os.cpu_count() or 2,
                        help="tests run in parallel (default: the number of cores)")


def run(args):
    interpreter = interpreters.resolve(args.python)
    packages.ensure("examples")  # before configuring: it decides which example tests exist
    directory = build.ensure_built(interpreter, "fuzz")
    command = ["ctest", "--test-dir", directory, "--output-on-failure",
               "--no-tests=error", "-j", str(args.jobs)]
    if args.regex:
        command += ["-R", args.regex]
    return subprocess.run(command).returncode
