"""What a crashed run found: the oracle that fired and the bug class, read from its output.

A gcfuzz oracle names both on its SUMMARY line (`SUMMARY: gcfuzz: leak [traverse-misses-member]`).
A sanitizer report names only what went wrong (`SUMMARY: AddressSanitizer: heap-use-after-free`);
its bug class comes from the fixtures, which print which planted defects' code paths ran in
the input (`gcfuzz: planted defects exercised in this input: id,...`). A sanitizer report
with no planted path exercised has no class: on a sound catalog that is a harness or
interpreter bug, never silently credited to a defect.
"""
import re

from . import foreign_abort

_GCFUZZ_SUMMARY = re.compile(r"^SUMMARY: gcfuzz: (\S+)(?: \[([^\]]+)\])?")
_SANITIZER_SUMMARY = re.compile(r"^SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer|"
                                r"LeakSanitizer|ThreadSanitizer|MemorySanitizer): (\S+)")
_EXERCISED = re.compile(r"^gcfuzz: planted defects exercised in this input: (.*)$")
_DEADLY = re.compile(r"ERROR: libFuzzer: (deadly signal|timeout|out-of-memory)")
# A fixture's abort outside libFuzzer (a reproducer script in a plain interpreter): the
# affinity panic's runtime line, as PyO3 prints it.
_PANIC_ABORT = re.compile(r"^fatal runtime error: .*aborting$")
# gcfuzz oracles that stand in for a sanitizer where it is blind and, like it, cannot name
# a class: a dead member (fixtures/dead_member.h) is a use-after-free that a free list hid.
_SANITIZER_STAND_INS = {"dead-member"}


class Finding:
    def __init__(self, oracle, bug_class, exercised):
        self.oracle = oracle          # "leak", "AddressSanitizer: heap-use-after-free", ...
        self.bug_class = bug_class    # a defect id, or None when unattributed
        self.exercised = exercised    # planted defects whose code ran in the input

    def __repr__(self):
        return "Finding(%r, %r)" % (self.oracle, self.bug_class)


def classify(output):
    """The first finding in a run's output, or None when there is none. A gcfuzz oracle's
    SUMMARY wins over the sanitizer report it explains (a use-after-poison that the
    use-after-clear oracle then names), which wins over libFuzzer's own crash line."""
    exercised = []
    # rank -> (oracle, bug_class): 0 gcfuzz, 1 sanitizer, 2 a foreign abort's message,
    # 3 libFuzzer, 4 the fixtures' own abort line
    found = {}
    for line in output.splitlines():
        match = _EXERCISED.match(line)
        if match:
            exercised = [i for i in match.group(1).strip().split(",") if i]
            continue
        match = _GCFUZZ_SUMMARY.match(line)
        if match:
            found.setdefault(0, (match.group(1), match.group(2)))
            continue
        match = _SANITIZER_SUMMARY.match(line)
        if match:
            found.setdefault(1, ("%s: %s" % (match.group(1), match.group(2)), None))
            continue
        match = _DEADLY.search(line)
        if match:
            found.setdefault(3, ("libFuzzer: " + match.group(1), None))
            continue
        if _PANIC_ABORT.match(line):
            found.setdefault(4, ("abort", None))
    foreign = foreign_abort.find(output)
    if foreign:
        found[2] = ("%s: %s" % foreign, None)
    if not found:
        return None
    rank = min(found)
    oracle, bug_class = found[rank]
    # Only a report that cannot name a class (a sanitizer's, libFuzzer's, a sanitizer
    # stand-in's) borrows the one planted path the input ran. A
    # gcfuzz oracle names the class itself when the fixtures know it (the leak oracle from
    # the leaked kinds), so a gcfuzz report without one stays unattributed: a leak of a
    # kind that does not carry the armed defect is a false positive, not a find.
    borrows = rank > 0 or oracle in _SANITIZER_STAND_INS
    if bug_class is None and borrows and len(exercised) == 1:
        bug_class = exercised[0]
    return Finding(oracle, bug_class, exercised)
