"""Running libFuzzer with its output on the terminal as it comes, parsed as it goes."""
import subprocess
import sys

from . import libfuzzer_log


def stream(command, env=None, lines=None):
    """Runs libFuzzer with its output on the terminal as it comes; returns (rc, parsed run).
    `lines`, a list, also receives every line (for reading the finding's own output)."""
    run = libfuzzer_log.Run()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace", bufsize=1, env=env)
    for line in process.stdout:
        minutes = len(run.minutes)
        run.feed(line)
        # A target's progress line shows as exec/s and RSS (libfuzzer_log.Run.minutes).
        sys.stderr.write(run.minute_line() if len(run.minutes) > minutes else line)
        if lines is not None:
            lines.append(line)
    return process.wait(), run


def streamed(command, env=None):
    """stream() for a restart segment (known_crash_restarts): (rc, all it printed, the
    parsed run)."""
    lines = []
    rc, run = stream(command, env, lines)
    return rc, "".join(lines), run
