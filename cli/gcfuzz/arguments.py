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


def _positive(convert, what):
    def parse(text):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError("%r is not %s" % (text, what))
        if value <= 0:
            raise argparse.ArgumentTypeError("%r must be positive" % text)
        return value
    return parse


positive_int = _positive(int, "a whole number")
positive_seconds = _positive(float, "a number of seconds")
