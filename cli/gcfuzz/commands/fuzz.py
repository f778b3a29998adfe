"""./gcfuzz fuzz: run a libFuzzer target with its progress on the terminal, then a summary.

A crash that is a known bug of the interpreter (interpreter_bugs.py) is not a finding: its
input is moved to work/<target>/interpreter-bugs/<bug id>/, and libFuzzer is started again
on the same corpus for the time left. Any other finding ends the run, as libFuzzer does.
"""
import os
import shutil
import sys
import time

from .. import (build, defects, interpreters, known_crash_restarts, libfuzzer_log,
               module_plan, paths, replay, targets)
from .. import errors
from ..arguments import add_python_option, positive_int
from ..libfuzzer_process import streamed

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
    module_plan.add_options(parser)
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument("libfuzzer_flags", nargs="*", metavar="-- FLAG",
                        help="extra libFuzzer flags, after --")


def set_aside(artifact, bug, base):
    """Moves a known interpreter bug's input out of the findings (base: the folder of the
    run's corpus and findings); returns where it went."""
    folder = os.path.join(base, "interpreter-bugs", bug.id)
    os.makedirs(folder, exist_ok=True)
    destination = os.path.join(folder, os.path.basename(artifact))
    shutil.move(artifact, destination)
    # libFuzzer names both a corpus file and a crash file by the SHA-1 of the input: a
    # corpus input that crashes (at start-up, on reload) would crash every restart.
    in_corpus = os.path.join(base, "corpus", libfuzzer_log.input_sha1(artifact))
    if os.path.isfile(in_corpus):
        os.remove(in_corpus)
    return destination


def fuzz_for(seconds, command_for, env, version, base):
    """Runs libFuzzer for `seconds`, restarting it after known interpreter crashes (their
    inputs go to base/interpreter-bugs/, base being the folder of the run's corpus and
    findings). Returns (rc, the runs' logs, [(known bug, input set aside)])."""
    deadline = time.monotonic() + seconds

    def one_run(_restarts):
        return streamed(command_for(max(1, round(deadline - time.monotonic()))), env)

    restarts = known_crash_restarts.run(
        one_run, version, lambda artifact, bug: set_aside(artifact, bug, base),
        lambda _restarts: known_crash_restarts.seconds_left(deadline, time.monotonic()),
        announce=announce_restart)
    if restarts.gave_up:
        print("gcfuzz: stopping: CPython crashed on known bugs %d times in a row, each before "
              "fuzzing began (while libFuzzer ran the corpus)" % restarts.quick_in_a_row,
              file=sys.stderr, flush=True)
    failure = errors.target_setup_failure(restarts.last.rc, restarts.last.output,
                                          shown=True)
    if failure:
        raise failure
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
        total.minutes = [m for run in runs for m in run.minutes]
        for field in ("coverage", "features", "corpus_size", "lifecycle"):
            values = [getattr(run, field) for run in runs if getattr(run, field) is not None]
            setattr(total, field, values[-1] if values else None)
    return total


def repro_command(artifact, python_choice):
    """The command that replays a finding as found, to paste as it is."""
    python = " --python %s" % python_choice if python_choice else ""
    return "./gcfuzz repro%s %s" % (python, paths.relative(artifact))


def print_summary(target, interpreter, directory, seconds, corpus, run, rc, set_apart=(),
                  plant="", python_choice=None, module=None, plan=None):
    rate = run.exec_per_second
    if not rate and seconds and run.total_executions:  # libFuzzer says 0 within a second
        rate = round(run.total_executions / seconds)
    lines = [
        "",
        "==== gcfuzz fuzz: summary ====",
        "target      %s on %s" % (target, interpreter.describe()),
        ("module      %s (plan: %s)" % (module, paths.relative(plan)) if module else
         "armed       %s" % (plant or "nothing (the sound catalog)")),
        "build       %s" % paths.relative(directory),
        "time        %d s" % seconds,
        "executions  {:,}".format(run.total_executions)
        + ("  ({:,} exec/s)".format(rate) if rate is not None else ""),
    ]
    if run.coverage is not None:
        lines.append("coverage    {:,} edges, {:,} features".format(run.coverage, run.features))
    else:
        lines.append("coverage    not reported (the run ended before libFuzzer's first status "
                     "line)")
    lines.append("corpus      %s in %s" % (
        "{:,} inputs".format(run.corpus_size) if run.corpus_size is not None
        else "%d files" % len(os.listdir(corpus)), paths.relative(corpus)))
    if run.lifecycle:
        lines.append("lifecycle   %s" % run.lifecycle)
    if run.memory_summary():
        lines.append("memory      %s" % run.memory_summary())
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
        first = run.artifacts[0]
        lines.append("replay      %s" % repro_command(first, python_choice))
        lines.append("by hand     %s%s %s" % (
            "%s=%s " % (module_plan.PLAN_VARIABLE, paths.relative(first + module_plan.SIDECAR))
            if module else "GCFUZZ_PLANT=%s " % plant if plant else "GCFUZZ_PLANT= ",
            paths.relative(targets.find(directory, target)), paths.relative(first)))
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
    plant = defects.check_ids(args.plant)
    plan, corpus, findings = module_plan.run_setup(args, interpreter, directory, args.target,
                                                   plant)
    env = dict(os.environ, GCFUZZ_PLANT=plant)
    if plan:
        env[module_plan.PLAN_VARIABLE] = plan
        module_plan.announce_instrumentation(executable, args.module, env)
    if plant:
        print("gcfuzz: armed: %s" % plant, file=sys.stderr, flush=True)

    def command_for(seconds):
        command = targets.timed_run_command(executable, args.target, seconds, corpus,
                                            findings, args.libfuzzer_flags,
                                            seeds=not args.module)
        # Paths shown relative for reading; flags exactly as passed, so it can be rerun.
        print("gcfuzz: %s" % " ".join(paths.relative(part) if os.path.exists(part) else part
                                      for part in command),
              file=sys.stderr, flush=True)
        return command

    started = time.monotonic()
    rc, runs, set_apart = fuzz_for(args.time, command_for, env, interpreter.version,
                                   os.path.dirname(corpus))
    total = combined(runs)
    for artifact in total.artifacts:
        if os.path.isfile(artifact):
            replay.save_settings(artifact, args.target, plant)
            module_plan.save_beside(artifact, plan)
    print_summary(args.target, interpreter, directory, round(time.monotonic() - started),
                  corpus, total, rc, set_apart, plant, args.python, args.module, plan)
    return 0 if rc == 0 else 1
