"""Fuzzing on past crashes that are known bugs of CPython itself: the one restart loop.

A fuzzer that embeds the interpreter also meets the interpreter's own bugs, and libFuzzer
stops at the first crash, whoever's it is. A crash that interpreter_bugs.py recognizes is
not a finding, so three commands set its input aside and start libFuzzer again on the same
corpus: ./gcfuzz fuzz (for a time, on the terminal), ./gcfuzz hunt (for a time, quietly)
and find_check's CTests (for a number of executions). The policy is the same for all three
and lives here, in run(): which crash is passed over, when to stop restarting, and what is
reported back. What differs is the caller's: how one libFuzzer run (a segment) is started,
where a set-aside input goes, and what its budget is (time, or executions).
"""
from . import interpreter_bugs

# The policy, the same for every caller. A corpus that crashes the interpreter at once would
# restart libFuzzer forever: give up after this many quick restarts in a row, each one
# crashing before fuzzing began (is_quick). A run that crashes after fuzzing began made
# progress, however soon, and goes on: a long sound run's grown corpus meets the known bug
# within a minute of each restart (docs/measurements.md, the 30-minute sound runs).
QUICK_RESTARTS_BEFORE_GIVING_UP = 20
# With less time than this left, a restart is not worth reloading the corpus for.
MIN_SECONDS_FOR_A_RESTART = 5

# How run() ended, in Restarts.ending.
LAST_RUN_STANDS = "the last run's result stands"  # no known crash ended it
GAVE_UP = "gave up"                                # too many quick crashes in a row
BUDGET_USED_UP = "budget used up"                  # after a crash that was set aside


class Segment:
    """One libFuzzer run: its exit status, all it printed, and that text parsed
    (libfuzzer_log.Run)."""

    def __init__(self, rc, output, log):
        self.rc, self.output, self.log = rc, output, log


class Restarts:
    """What run() did, for the caller to report: the segments in order, the crashes set
    aside as [(known bug, where its input went)], and how it ended."""

    def __init__(self):
        self.segments = []
        self.set_apart = []
        self.quick_in_a_row = 0  # set-aside crashes in a row that were quick (is_quick)
        self.ending = None

    @property
    def last(self):
        return self.segments[-1]

    @property
    def executions(self):
        return sum(segment.log.total_executions for segment in self.segments)

    @property
    def last_run_stands(self):
        return self.ending == LAST_RUN_STANDS

    @property
    def gave_up(self):
        return self.ending == GAVE_UP

    @property
    def budget_used_up(self):
        return self.ending == BUDGET_USED_UP

    def end(self, ending):
        self.ending = ending
        return self


def run(run_segment, version, set_aside, budget_left, announce=None):
    """Runs segments until one ends in something other than a known interpreter crash, or
    the policy or the caller's budget says stop. Returns the Restarts.

    run_segment(restarts so far) starts libFuzzer once and returns (rc, output, parsed log).
    version is the CPython version the fuzzer embeds ("3.11"). set_aside(artifact, bug)
    moves a known crash's input out of the findings and returns where it went.
    budget_left(restarts so far), asked after each set-aside, returns what is left of the
    caller's budget, or None when too little is left to start again. announce(bug, where
    the input went, what is left), if given, is told before each restart."""
    restarts = Restarts()
    while True:
        segment = Segment(*run_segment(restarts))
        restarts.segments.append(segment)
        bug = _known_crash(segment, version)
        if bug is None:
            return restarts.end(LAST_RUN_STANDS)
        restarts.set_apart.append((bug, _set_aside(segment, bug, set_aside)))
        restarts.quick_in_a_row = restarts.quick_in_a_row + 1 if is_quick(segment) else 0
        if restarts.quick_in_a_row > QUICK_RESTARTS_BEFORE_GIVING_UP:
            return restarts.end(GAVE_UP)
        left = budget_left(restarts)
        if left is None:
            return restarts.end(BUDGET_USED_UP)
        if announce is not None:
            announce(bug, restarts.set_apart[-1][1], left)


def is_quick(segment):
    """A crash before fuzzing began: while libFuzzer still ran the corpus it was given
    (before its INITED line). Such a run made no progress."""
    return not segment.log.fuzzing_began


def seconds_left(deadline, now):
    """What a time budget has left for a restart, or None when it is not worth reloading
    the corpus for (fuzz's and hunt's budget_left)."""
    left = deadline - now
    return left if left >= MIN_SECONDS_FOR_A_RESTART else None


def _known_crash(segment, version):
    """The known interpreter bug the segment crashed on, or None. Exactly one artifact: that
    is the input to set aside; with none or several there is no one input to blame, and
    the run stands as it is."""
    if segment.rc == 0 or len(segment.log.artifacts) != 1:
        return None
    return interpreter_bugs.match(segment.output, version)


def _set_aside(segment, bug, set_aside):
    # The segment's log then reads as a run without a finding: its artifact has gone, and
    # its SUMMARY line is not a finding's either (fuzz's summary adds the logs up).
    artifact = segment.log.artifacts.pop()
    segment.log.summaries = []
    return set_aside(artifact, bug)
