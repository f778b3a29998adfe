"""./gcfuzz fuzz: run a libFuzzer target with its progress on the terminal, then a summary.

A crash that is a known bug of the interpreter (interpreter_bugs.py) is not a finding: its
input is moved to work/<target>/interpreter-bugs/<bug id>/, and libFuzzer is started again
on the same corpus for the time left. Any other finding ends the run, as libFuzzer does.
"""
import os
import shutil
import subprocess
import sys
import time

from .. import build, interpreters, known_crash_restarts, libfuzzer_log, paths, targets
from ..arguments import add_python_option, positive_int
from ..errors import UsageError
from . import bugs

NAME = "fuzz"
SUMMARY = "fuzz the fixture catalog (or another target) for a while, then summarize"


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("--time", type=positive_int, default=60, metavar="S",
                        help="seconds to fuzz (default: 60)")
    parser.add_argument("--target", default=targets.DEFAULT, metavar="NAME",
                        help="the libFuzzer target (default: %s)" % targets.DEFAULT)
    parser.add_argument("--plant", metavar="ID[,ID...]", default="",
                        help="arm these planted defects (./gcfuzz bugs lists them); "
                             "default: none, the sound catalog")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument("libfuzzer_flags", nargs="*", metavar="-- FLAG",
                        help="extra libFuzzer flags, after --")


def libfuzzer_command(executable, target, seconds, corpus, findings, extra):
    command = [executable, corpus]
    seeds = targets.seed_corpus(target)
    if seeds:
        command.append(seeds)
    command += ["-max_total_time=%d" % seconds, "-print_final_stats=1",
                "-artifact_prefix=%s%s" % (findings, os.sep)]
    return command + targets.standard_flags(target) + list(extra)


def planted(directory, plant):
    """The GCFUZZ_PLANT value for --plant, checked against the catalog."""
    ids = [i.strip() for i in plant.split(",") if i.strip()]
    known = {row[0] for row in bugs.catalog(directory)} if ids else set()
    for bug_id in ids:
        if bug_id not in known:
            raise UsageError("--plant: unknown defect %r; ./gcfuzz bugs lists them" % bug_id)
    return ",".join(ids)


def stream(command, env=None, lines=None):
    """Runs libFuzzer with its output on the terminal as it comes; returns (rc, parsed run).
    `lines`, a list, also receives every line (for reading the finding's own output)."""
    run = libfuzzer_log.Run()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace", bufsize=1, env=env)
    for line in process.stdout:
        sys.stderr.write(line)
        run.feed(line)
        if lines is not None:
            lines.append(line)
    return process.wait(), run


def streamed(command, env=None):
    """stream() for a restart segment (known_crash_restarts): (rc, all it printed, the
    parsed run)."""
    lines = []
    rc, run = stream(command, env, lines)
    return rc, "".join(lines), run


# A corpus that crashes the interpreter at once would restart libFuzzer forever: stop after
# this many restarts in a row that each crashed while running the corpus it was given,
# before fuzzing began (libFuzzer's INITED). A run that crashes after that made progress,
# however soon, and goes on: a 30-minute sound run at 9dc6215, its corpus grown to 3,000
# inputs, met the known bug 21 times in a row within a minute of each restart, and the
# rule before (crashed within 60 s) stopped it at 1,527 s.
MAX_RESTARTS = 20
# Less time than this left after an interpreter crash is not worth reloading the corpus for.
MIN_SEGMENT_SECONDS = 5


def set_aside(artifact, bug, target):
    """Moves a known interpreter bug's input out of the findings; returns where it went."""
    folder = os.path.join(paths.WORK, target, "interpreter-bugs", bug.id)
    os.makedirs(folder, exist_ok=True)
    destination = os.path.join(folder, os.path.basename(artifact))
    shutil.move(artifact, destination)
    # libFuzzer names both a corpus file and a crash file by the SHA-1 of the input: a
    # corpus input that crashes (at start-up, on reload) would crash every restart.
    in_corpus = os.path.join(paths.WORK, target, "corpus", libfuzzer_log.input_sha1(artifact))
    if os.path.isfile(in_corpus):
        os.remove(in_corpus)
    return destination


def fuzz_for(seconds, command_for, env, version, target):
    """Runs libFuzzer for `seconds`, restarting it after known interpreter crashes. Returns
    (rc, the runs' logs, [(known bug, input set aside)])."""
    deadline = time.monotonic() + seconds

    def one_run(_restarts):
        return streamed(command_for(max(1, round(deadline - time.monotonic()))), env)

    def seconds_left(_restarts):
        left = deadline - time.monotonic()
        return left if left >= MIN_SEGMENT_SECONDS else None

    restarts = known_crash_restarts.run(
        one_run, version, lambda artifact, bug: set_aside(artifact, bug, target),
        seconds_left, announce=announce_restart,
        is_quick=lambda segment: not segment.log.fuzzing_began,
        # Counted from the first run: the crash after MAX_RESTARTS quick restarts gives up.
        give_up_at=MAX_RESTARTS + 1)
    if restarts.gave_up:
        print("gcfuzz: stopping: CPython crashed on known bugs %d times in a row, each before "
              "fuzzing began (while libFuzzer ran the corpus)" % restarts.quick_in_a_row,
              file=sys.stderr, flush=True)
    # Only a run whose result stands gives its status: a crash set aside is not a failure.
    rc = restarts.last.rc if restarts.last_run_stands else 0
    return rc, [segment.log for segment in restarts.segments], restarts.set_apart


def announce_restart(bug, moved, seconds_left):
    print("gcfuzz: that crash is a known CPython bug, not a fixture finding: %s\n"
          "gcfuzz: its input is set aside in %s; fuzzing on for %d s"
          % (bug, paths.relative(moved), seconds_left), file=sys.stderr, flush=True)


def combined(runs):
    """One log for the summary: executions, findings and SUMMARY lines of every run added
    up; coverage and corpus as the last run that printed them left them."""
    total = runs[-1]
    if len(runs) > 1:
        total.stats["number_of_executed_units"] = sum(run.total_executions for run in runs)
        total.stats.pop("average_exec_per_sec", None)
        total.artifacts = [a for run in runs for a in run.artifacts]
        total.summaries = [s for run in runs for s in run.summaries]
        for field in ("coverage", "features", "corpus_size", "lifecycle"):
            values = [getattr(run, field) for run in runs if getattr(run, field) is not None]
            setattr(total, field, values[-1] if values else None)
    return total


def print_summary(target, interpreter, directory, seconds, corpus, run, rc, set_apart=()):
    rate = run.exec_per_second
    if rate is None and seconds and run.total_executions:
        rate = round(run.total_executions / seconds)
    lines = [
        "",
        "==== gcfuzz fuzz: summary ====",
        "target      %s on %s" % (target, interpreter.describe()),
        "build       %s" % paths.relative(directory),
        "time        %d s" % seconds,
        "executions  {:,}".format(run.total_executions)
        + ("  ({:,} exec/s)".format(rate) if rate is not None else ""),
        "coverage    %s edges, %s features" % (run.coverage, run.features),
        "corpus      %s inputs in %s" % (run.corpus_size, paths.relative(corpus)),
    ]
    if run.lifecycle:
        lines.append("lifecycle   %s" % run.lifecycle)
    if set_apart:
        ids = sorted({bug.id for bug, _ in set_apart})
        lines.append("interpreter %d crash%s of CPython itself, known bug%s %s (not fixture "
                     "findings; see corpus/interpreter/), inputs in %s" % (
                         len(set_apart), "es" if len(set_apart) > 1 else "",
                         "s" if len(ids) > 1 else "", ", ".join(ids),
                         paths.relative(os.path.dirname(os.path.dirname(set_apart[0][1])))))
    if run.artifacts:
        lines.append("findings    %d" % len(run.artifacts))
        for artifact in run.artifacts:
            lines.append("  %s" % paths.relative(artifact))
        for tool, text in run.summaries:
            lines.append("  SUMMARY: %s: %s" % (tool, text))
        lines.append("replay      %s %s" % (paths.relative(targets.find(directory, target)),
                                            paths.relative(run.artifacts[0])))
    elif rc != 0:
        lines.append("findings    none saved, but %s exited with status %d (see above)"
                     % (target, rc))
    else:
        lines.append("findings    none")
    print("\n".join(lines), flush=True)


def run(args):
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz")
    if args.list:
        for name in sorted(targets.available(directory)):
            print(name)
        return 0
    executable = targets.find(directory, args.target)
    corpus, findings = targets.work_dirs(args.target)
    env = dict(os.environ, GCFUZZ_PLANT=planted(directory, args.plant))
    if env["GCFUZZ_PLANT"]:
        print("gcfuzz: armed: %s" % env["GCFUZZ_PLANT"], file=sys.stderr, flush=True)

    def command_for(seconds):
        command = libfuzzer_command(executable, args.target, seconds, corpus, findings,
                                    args.libfuzzer_flags)
        # Paths shown relative for reading; flags exactly as passed, so it can be rerun.
        print("gcfuzz: %s" % " ".join(paths.relative(part) if os.path.exists(part) else part
                                      for part in command),
              file=sys.stderr, flush=True)
        return command

    started = time.monotonic()
    rc, runs, set_apart = fuzz_for(args.time, command_for, env, interpreter.version,
                                   args.target)
    print_summary(args.target, interpreter, directory, round(time.monotonic() - started),
                  corpus, combined(runs), rc, set_apart)
    return 0 if rc == 0 else 1
