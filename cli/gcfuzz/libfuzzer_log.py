"""Reads what libFuzzer and the sanitizers print, for the one-screen summary."""
import collections
import os
import re
import statistics
import time

from . import foreign_abort

_STAT = re.compile(r"^stat::(\w+):\s+(\d+)")
_STATUS = re.compile(r"^#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)")
# -fork=N: the parent's line after each job (executions of all jobs so far).
_FORK_STATUS = re.compile(r"^#(\d+): cov: (\d+) ft: (\d+) corp: (\d+) ")
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_SUMMARY = re.compile(r"^SUMMARY: (\S+): (.*)$")
_DONE = re.compile(r"^Done (\d+) runs in (\d+) second")
# lifecycle_fuzzer's figures (restarts, subinterpreters, bytes retained), printed
# periodically and at exit; the last one is the run's.
_LIFECYCLE = re.compile(r"^gcfuzz lifecycle: (.*)$")
# The targets' line a minute (host/progress.h).
_PROGRESS = re.compile(r"^gcfuzz progress: (\d+) inputs, rss (\d+) MB")
# Minutes are counted from the start of this command, across the restarts of a run
# (known_crash_restarts), so that an hour's figures read as one timeline.
_COMMAND_STARTED = time.monotonic()
# RSS growth is judged after this many minutes: the corpus and the interpreter's caches
# fill the first ones.
SETTLED_MINUTES = 5


class Run:
    """What one libFuzzer run said about itself."""

    def __init__(self):
        self.stats = {}
        self.executions = 0
        self.coverage = None      # edges
        self.features = None
        self.corpus_size = None   # inputs
        self.artifacts = []       # files libFuzzer wrote for findings
        self.summaries = []       # SUMMARY lines: (tool, text)
        self.lifecycle = None     # the last `gcfuzz lifecycle:` line's text
        # One entry per progress line: (minute, exec/s over the last interval, RSS in MB).
        self.minutes = []
        self._last_progress = None  # (monotonic time, inputs)
        self._started = time.monotonic()
        # libFuzzer printed INITED: it had run the corpus it was given and began mutating.
        self.fuzzing_began = False
        self.forked = False  # -fork=N: the final stats are one job's, not the run's
        # The lines before a deadly signal: a foreign abort's message is among them.
        self._recent = collections.deque(maxlen=200)

    def feed(self, line):
        line = line.rstrip("\n")
        self._recent.append(line)
        match = _STATUS.match(line)
        if match:
            self.executions = int(match.group(1))
            self.coverage = int(match.group(3))
            self.features = int(match.group(4))
            self.corpus_size = int(match.group(5))
            self.fuzzing_began = self.fuzzing_began or match.group(2) == "INITED"
            return
        match = _FORK_STATUS.match(line)
        if match:
            self.executions = max(self.executions, int(match.group(1)))
            self.coverage, self.features = int(match.group(2)), int(match.group(3))
            self.corpus_size = int(match.group(4))
            self.fuzzing_began = True
            self.forked = True
            return
        match = _STAT.match(line)
        if match:
            self.stats[match.group(1)] = int(match.group(2))
            return
        match = _ARTIFACT.search(line)
        if match:
            self.artifacts.append(match.group(1))
            return
        match = _SUMMARY.match(line)
        if match:
            if match.group(1) == "libFuzzer":
                foreign = foreign_abort.find("\n".join(self._recent))
                if foreign:
                    self.summaries.append(foreign)
            self.summaries.append((match.group(1), match.group(2)))
            self._recent.clear()
            return
        match = _LIFECYCLE.match(line)
        if match:
            self.lifecycle = match.group(1)
            return
        match = _PROGRESS.match(line)
        if match:
            self._progress(int(match.group(1)), int(match.group(2)))
            return
        match = _DONE.match(line)
        if match:
            self.executions = max(self.executions, int(match.group(1)))

    def _progress(self, inputs, rss_mb, now=None):
        now = time.monotonic() if now is None else now
        previous = self._last_progress
        self._last_progress = (now, inputs)
        # A restarted process counts from 0 again: its first line has no rate.
        if previous is None:
            rate = round(inputs / (now - self._started)) if now > self._started else None
        elif inputs <= previous[1] or now <= previous[0]:
            rate = None
        else:
            rate = round((inputs - previous[1]) / (now - previous[0]))
        started = min(self._started, _COMMAND_STARTED)
        self.minutes.append((round((now - started) / 60, 1), rate, rss_mb))

    def minute_line(self):
        """The latest progress entry, for the terminal."""
        minute, rate, rss = self.minutes[-1]
        return "gcfuzz: minute %.1f: %s exec/s, RSS %s MB\n" % (
            minute, "{:,}".format(rate) if rate is not None else "-", "{:,}".format(rss))

    def memory_summary(self):
        """RSS and exec/s over the run, or None with fewer than two progress lines."""
        if len(self.minutes) < 2:
            return None
        rates = [rate for _, rate, _ in self.minutes if rate is not None]
        settled = [rss for minute, _, rss in self.minutes if minute >= SETTLED_MINUTES]
        base = settled[0] if settled else self.minutes[0][2]
        last = self.minutes[-1][2]
        growth = 100.0 * (last - base) / base if base else 0.0
        text = "RSS {:,} MB at minute {}, {:,} MB at the end ({:+.1f} %{})".format(
            base, SETTLED_MINUTES if settled else self.minutes[0][0], last, growth,
            "" if settled else ", before the first %d minutes were over" % SETTLED_MINUTES)
        if rates:
            text += "; exec/s {:,} first, {:,} median, {:,} last".format(
                rates[0], round(statistics.median(rates)), rates[-1])
        return text

    @property
    def total_executions(self):
        if self.forked:
            return self.executions
        return self.stats.get("number_of_executed_units", self.executions)

    @property
    def exec_per_second(self):
        return self.stats.get("average_exec_per_sec")


def input_sha1(artifact):
    """The SHA-1 libFuzzer names an input's file by, from its artifact's path
    (`<prefix>crash-<sha1>`, the prefix possibly with dashes of its own): the name of the
    same input in a corpus directory."""
    return os.path.basename(artifact).rsplit("-", 1)[-1]


def parse(text):
    run = Run()
    for line in text.splitlines():
        run.feed(line)
    return run
