"""Crashes of CPython itself that gcfuzz has found and reduced: known, so set apart.

A fuzzer that embeds the interpreter also fuzzes the interpreter. When a run crashes inside
CPython with no planted defect exercised, and the crash is
one of the bugs below (each reduced to plain Python under corpus/interpreter/), it is not a
finding about the fixtures: `./gcfuzz fuzz` sets its input aside and fuzzes on, `./gcfuzz
hunt` goes on hunting, and triage and repro name the bug. Any other crash stays a finding.

A bug is recognized by the interpreter function the crash is in (one of the first frames of
the sanitizer's stack, with no fixture frame between it and the crash) and by the
interpreter's version: a 3.12 build that crashed there
would be a new bug, and reported as a finding. The CTest graph_fuzzer.known_interpreter_bugs
replays each bug's finding file and requires it to crash and be recognized on the versions
listed, and to run clean on the others, so a list that no longer matches what the
interpreter does fails the suite.
"""
import re

from . import findings, signature

# `#1 0x7f..  (/lib/libpython3.11.so+0x1a2b69)`: a frame without a symbol is a frame too.
_FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+(?: in (\S+))?(.*)$")
_SOURCE = re.compile(r"\s(\S+?):\d+(?::\d+)?\s*$")  # `... /w/fixtures/dealloc.cc:50:5`
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


def innermost_frames(output, count=INNERMOST_FRAMES):
    """(function, file) of the first sanitizer stack's innermost frames."""
    frames, started = [], False
    for line in output.splitlines():
        if not started:
            started = bool(signature.STACK_START.search(line))
            continue
        match = _FRAME.match(line)
        if match:
            source = _SOURCE.search(match.group(2))
            frames.append((match.group(1) or "?", source.group(1) if source else ""))
            if len(frames) == count:
                break
        elif frames:
            break
    return frames


def match(output, version, known=KNOWN):
    """The known interpreter bug a run's output shows on CPython `version` ("3.11"), or
    None: when the run found nothing, when a gcfuzz oracle fired, when a planted defect's
    path ran, or when the crash is not inside a listed function on an affected version.
    Inside means the listed function is one of the innermost frames and no fixture frame is
    nearer the crash than it: a sound fixture's tp_dealloc calling PyObject_ClearWeakRefs,
    as it must, is below the function, and the crash is still the interpreter's."""
    finding = findings.classify(output)
    if finding is None or finding.exercised:
        return None
    if not finding.oracle.split(":")[0].endswith("Sanitizer"):  # a gcfuzz oracle's finding
        return None
    frames = innermost_frames(output)
    for bug in known:
        if not bug.affects(version):
            continue
        for function, path in frames:
            if signature.FIXTURE_FILE.search(path):
                break  # fixture code nearer the crash than the function: not this bug
            if function == bug.function:
                return bug
    return None
