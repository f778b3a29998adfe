"""Crashes of CPython itself that gcfuzz has found and reduced: known, so set apart.

A fuzzer that embeds the interpreter also fuzzes the interpreter. When a run crashes inside
CPython with no fixture code on the stack and no planted defect exercised, and the crash is
one of the bugs below (each reduced to plain Python under corpus/interpreter/), it is not a
finding about the fixtures: `./gcfuzz fuzz` sets its input aside and fuzzes on, `./gcfuzz
hunt` goes on hunting, and triage and repro name the bug. Any other crash stays a finding.

A bug is recognized by the interpreter function the crash is in (one of the first frames of
the sanitizer's stack) and by the interpreter's version: a 3.12 build that crashed there
would be a new bug, and reported as a finding. The CTest graph_fuzzer.known_interpreter_bugs
replays each bug's finding file and requires it to crash and be recognized on the versions
listed, and to run clean on the others, so a list that no longer matches what the
interpreter does fails the suite.
"""
import re

from . import findings, signature

# `#1 0x7f..  (/lib/libpython3.11.so+0x1a2b69)`: a frame without a symbol is a frame too.
_FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+(?: in (\S+))?")
# How many of the innermost frames may hold the bug's function: the crash may be in a helper
# the function inlined or called (a debug build does not inline).
INNERMOST_FRAMES = 4


class KnownBug:
    def __init__(self, bug_id, title, function, affected, reproducer, finding):
        self.id = bug_id
        self.title = title
        self.function = function      # the interpreter function the crash is in
        self.affected = affected      # (first, last) "major.minor" versions, inclusive
        self.reproducer = reproducer  # plain Python, relative to the repository root
        self.finding = finding        # a graph_fuzzer input that shows it

    def affects(self, version):
        first, last = (_version_key(v) for v in self.affected)
        return first <= _version_key(version) <= last

    def __str__(self):
        return "%s (CPython %s to %s: %s)" % (self.id, self.affected[0], self.affected[1],
                                             self.title)


def _version_key(version):
    return tuple(int(part) for part in version.split(".")[:2])


KNOWN = [
    KnownBug(
        "cpython-clearweakrefs-gc",
        "PyObject_ClearWeakRefs walks a weakref list that the collection its tuple "
        "allocation starts can free an entry of",
        "PyObject_ClearWeakRefs", ("3.6", "3.11"),
        "corpus/interpreter/clearweakrefs_gc_frees_listed_ref.py",
        "corpus/interpreter/clearweakrefs-gc-frees-listed-ref.min.gcfz"),
]


def innermost_functions(output, count=INNERMOST_FRAMES):
    """The function names of the first sanitizer stack's innermost frames."""
    names, started = [], False
    for line in output.splitlines():
        if not started:
            started = bool(signature.STACK_START.search(line))
            continue
        match = _FRAME.match(line)
        if match:
            names.append(match.group(1) or "?")
            if len(names) == count:
                break
        elif names:
            break
    return names


def match(output, version, known=KNOWN):
    """The known interpreter bug a run's output shows on CPython `version` ("3.11"), or
    None: when the run found nothing, when a gcfuzz oracle fired, when a planted defect's
    path ran or fixture code is on the stack (then it may be the fixture's fault), or when
    the crash is in no listed function on an affected version."""
    finding = findings.classify(output)
    if finding is None or finding.exercised:
        return None
    if not finding.oracle.split(":")[0].endswith("Sanitizer"):  # a gcfuzz oracle's finding
        return None
    if signature.fixture_frames(output):
        return None
    functions = innermost_functions(output)
    for bug in known:
        if bug.affects(version) and bug.function in functions:
            return bug
    return None
