"""The one way gcfuzz fails before it runs anything: one line, `gcfuzz: error: <what is
wrong>`, on stderr, and a distinct exit code. The C++ targets and tools fail the same way
(report/setup_failure.h), so a driver tells a set-up failure from a finding (ASan exits 1,
libFuzzer 77 and 70) by its status and relays the target's line as its own."""
import re

PREFIX = "gcfuzz: error: "
# A bad command line.
USAGE_EXIT_CODE = 2
# Anything else that stops gcfuzz before it runs: a missing file, an unusable interpreter or
# module, a bad environment variable, a failed install or build.
SETUP_FAILURE_EXIT_CODE = 3

_TARGET_LINE = re.compile(r"^gcfuzz: error: (.*)$", re.M)


class UsageError(Exception):
    """Bad flag, bad value, unknown command."""

    exit_code = USAGE_EXIT_CODE


class SetupError(Exception):
    """A missing file, an unusable interpreter, a failed install or build. `shown`: its
    line is already on the terminal (a streamed target printed it), so it is not printed
    twice."""

    exit_code = SETUP_FAILURE_EXIT_CODE

    def __init__(self, message, shown=False):
        super().__init__(message)
        self.shown = shown


def target_setup_failure(rc, output, shown=False):
    """The SetupError a target's run stands for, when it failed at set-up: its status is
    SETUP_FAILURE_EXIT_CODE and it printed the one line (`shown`: on the terminal already).
    None otherwise."""
    if rc != SETUP_FAILURE_EXIT_CODE:
        return None
    match = _TARGET_LINE.search(output)
    return SetupError(match.group(1), shown) if match else None
