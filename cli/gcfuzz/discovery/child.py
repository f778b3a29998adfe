"""One probe child (probe.py) in the interpreter being fuzzed: its events, and how it ended.

Every trial is bounded in time: the probe announces each one ("start") before running it,
and a child that stays silent longer than the trial's limit is killed, with its process
group (a trial may have started processes of its own). A child that dies or is killed
during a trial leaves that trial open: its label and its code are the crash's description
and its reproducer.
"""
import json
import os
import select
import signal
import subprocess
import tempfile
import time

PROBE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe.py")
# Importing a large package, or the probe's own work between trials, may take longer than
# a trial; it is still bounded.
QUIET_LIMIT_MIN = 30.0


class Death:
    """How a child ended without its result: `how` is "SIGSEGV", "timeout after 2 s",
    "exit status 3"; `trial` is the open "start" event (label, kind, code) or None."""

    def __init__(self, how, trial, stderr_tail):
        self.how = how
        self.trial = trial
        self.stderr_tail = stderr_tail

    @property
    def timed_out(self):
        return self.how.startswith("timeout")


class Run:
    def __init__(self):
        self.result = None     # the "result" event
        self.problems = []     # "import_error" and "adapter_error" events
        self.death = None


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return "signal %d" % number


def sanitizer_report(text):
    """"AddressSanitizer: heap-use-after-free" from a sanitizer's SUMMARY line (a module
    built by build-ext runs with the ASan runtime preloaded, which turns a SIGSEGV into a
    report and exit status 1), or None."""
    for line in reversed(text.splitlines()):
        if line.startswith("SUMMARY: ") and "Sanitizer" in line:
            words = line[len("SUMMARY: "):].split()
            return " ".join(words[:2])
    return None


def _tail(handle, lines=12):
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(max(0, size - 4000))
    text = handle.read().decode("utf-8", "replace")
    return "\n".join(text.strip().splitlines()[-lines:])


def _kill(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def run(executable, job, timeout, cwd, env=None):
    """Runs one job (in `env`, default this process's environment); never raises for
    what the child did."""
    quiet_limit = max(QUIET_LIMIT_MIN, timeout)
    outcome = Run()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [executable, "-I", "-B", PROBE, json.dumps(job)], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=stderr, cwd=cwd, start_new_session=True, env=env)
        try:
            open_trial, limit = _read_events(process, outcome, timeout, quiet_limit)
        finally:
            if process.poll() is None and outcome.death is None:
                # Output ended (EOF) but the process lingers: give it the quiet limit.
                try:
                    process.wait(timeout=quiet_limit)
                except subprocess.TimeoutExpired:
                    _kill(process)
            process.stdout.close()
        if limit is not None:
            outcome.death = Death("timeout after %g s" % limit, open_trial, _tail(stderr))
        elif outcome.result is None and not outcome.problems:
            code = process.returncode
            tail = _tail(stderr)
            how = signal_name(-code) if code < 0 else sanitizer_report(tail) or (
                "exit status %d" % code)
            outcome.death = Death(how, open_trial, tail)
    return outcome


def _read_events(process, outcome, timeout, quiet_limit):
    """(the open trial, None) at end of output, or (the open trial, its limit) when the
    child was killed for silence."""
    fd = process.stdout.fileno()
    pending = b""
    open_trial = None
    limit = quiet_limit
    deadline = time.monotonic() + limit
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            _kill(process)
            return open_trial, limit
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return open_trial, None
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            event = json.loads(line.decode("utf-8"))
            kind = event.get("event")
            if kind == "start":
                open_trial = event
                limit = quiet_limit if event.get("kind") == "import" else timeout
            elif kind == "end":
                open_trial, limit = None, quiet_limit
            elif kind == "result":
                outcome.result = event
            elif kind in ("import_error", "adapter_error"):
                outcome.problems.append(event)
            deadline = time.monotonic() + limit
