"""./gcfuzz: one table of subcommands drives dispatch and --help."""
import sys

from .arguments import Parser
from .commands import (bench, bugs, build_ext, discover, fuzz, hunt, minimize, oss_fuzz,
                       print_program, python, repro, stress, test, triage)
from .errors import PREFIX, SetupError, UsageError

# Each module has NAME, SUMMARY, add_arguments(parser) and run(args) -> exit code.
COMMANDS = [fuzz, test, bugs, hunt, stress, print_program, python, bench, repro, minimize, triage,
            discover, build_ext, oss_fuzz]

DESCRIPTION = """\
gcfuzz fuzzes and stress-tests the object graphs of Python extension types: random graphs
of fixture types run in an embedded CPython under AddressSanitizer and UBSan, so
use-after-clear, use-after-free, hidden cycles and traverse errors become findings.

The first run installs what is missing (Debian packages) and builds; later runs rebuild
only what changed."""


def build_parser():
    parser = Parser(prog="./gcfuzz", description=DESCRIPTION,
                    formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        child = sub.add_parser(command.NAME, help=command.SUMMARY, description=command.SUMMARY)
        command.add_arguments(child)
        child.set_defaults(run=command.run)
    return parser


def main(argv):
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return 2
        return args.run(args)
    except (UsageError, SetupError) as error:
        if not getattr(error, "shown", False):
            print(PREFIX + str(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("gcfuzz: interrupted", file=sys.stderr)
        return 130
