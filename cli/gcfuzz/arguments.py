"""Argument parsing with gcfuzz's failure contract: a bad flag is one line and exit 2."""
import argparse

from .errors import UsageError


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError("%s: %s (see %s --help)" % (self.prog, message, self.prog))


def add_python_option(parser):
    parser.add_argument(
        "--python", metavar="X", default=None,
        help="the CPython to embed: a path, a name on PATH or of a pyenv version "
             "(python3.12, 3.12), or 'debug' for Debian's python3.11-dbg "
             "(default: Debian's /usr/bin/python3.11)")


def positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a whole number" % text)
    if value <= 0:
        raise argparse.ArgumentTypeError("%r must be positive" % text)
    return value
