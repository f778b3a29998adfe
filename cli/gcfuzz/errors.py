"""The one way the CLI fails: a one-line message and a distinct exit code."""


class UsageError(Exception):
    """Bad flag, bad value, unknown command: exit 2."""

    exit_code = 2


class SetupError(Exception):
    """A missing file, an unusable interpreter, a failed install or build: exit 1."""

    exit_code = 1
