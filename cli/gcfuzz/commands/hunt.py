"""./gcfuzz hunt: arm one planted defect and fuzz from an empty corpus until it is found.

With --module NAME (module_plan.py), the subject is a user's module and nothing is armed:
the time and executions to the first finding of any class, per seed.

The measure of the harness: how long graph_fuzzer takes to reach each defect on its own.
Each seed is one libFuzzer run with an empty corpus and that seed; libFuzzer stops at the
first finding, which is classified (findings.py). A finding of another class is reported as
a false positive, not as success. A crash that is a known bug of CPython itself
(interpreter_bugs.py) is neither: its input is kept beside the seed's output and libFuzzer
goes on from the same corpus for the seed's time left.
"""
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from .. import (build, defects, findings, interpreters, known_crash_restarts, libfuzzer_log,
               module_plan, paths, replay, targets)
from ..arguments import add_python_option, positive_int
from .. import errors
from ..errors import UsageError

NAME = "hunt"
SUMMARY = "arm one defect (or --all), fuzz from an empty corpus, report the time to find it"

def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("id", nargs="?", help="the defect to arm (see ./gcfuzz bugs)")
    parser.add_argument("--all", action="store_true", help="every defect, one table")
    parser.add_argument("--time", type=positive_int, default=120, metavar="S",
                        help="give up on a seed after S seconds (default: 120)")
    parser.add_argument("--seeds", type=positive_int, default=1, metavar="K",
                        help="independent runs, seeds 1..K (default: 1)")
    parser.add_argument("--jobs", type=positive_int, default=os.cpu_count() or 2,
                        help="runs at once (default: the number of cores)")
    module_plan.add_options(parser)
    parser.add_argument("--target", default=targets.DEFAULT, metavar="NAME",
                        help="with --module: the libFuzzer target (default: %s)" % targets.DEFAULT)


class Attempt:
    """One seed's run. bug_id: the defect armed, or a module's row name (MODULE_ROW), for
    which a finding of any class is what was hunted."""

    def __init__(self, bug_id, seed, seconds, executions, finding, artifact,
                 interpreter_crashes=0):
        self.bug_id, self.seed = bug_id, seed
        self.seconds, self.executions = seconds, executions
        self.finding, self.artifact = finding, artifact
        self.interpreter_crashes = interpreter_crashes  # known CPython bugs passed over

    @property
    def outcome(self):
        if self.finding is None:
            return "not found"
        if self.finding.bug_class == self.bug_id or self.bug_id.startswith(MODULE_ROW):
            return "found"
        return "FALSE POSITIVE: %s [%s]" % (self.finding.oracle, self.finding.bug_class or "?")


MODULE_ROW = "module "


def hunt_once(executable, target, bug_id, seed, seconds, version, plan=None):
    folder = bug_id.replace(" ", "-")
    out_dir = os.path.join(paths.WORK, "hunt", folder, "seed-%d" % seed)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    env = dict(os.environ, GCFUZZ_PLANT="" if plan else bug_id)
    if plan:
        env[module_plan.PLAN_VARIABLE] = plan
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gcfuzz-hunt-") as corpus:

        def one_run(_restarts):
            left = max(1, round(seconds - (time.monotonic() - started)))
            command = [executable, corpus, "-seed=%d" % seed, "-max_total_time=%d" % left,
                       "-print_final_stats=1", "-artifact_prefix=%s%s" % (out_dir, os.sep)]
            command += targets.standard_flags(target)
            result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    text=True, errors="replace", env=env)
            return result.returncode, result.stdout, libfuzzer_log.parse(result.stdout)

        restarts = known_crash_restarts.run(
            one_run, version, lambda artifact, known: keep_beside(out_dir, artifact, known),
            lambda _restarts: known_crash_restarts.seconds_left(started + seconds,
                                                                time.monotonic()))
    failure = errors.target_setup_failure(restarts.last.rc, restarts.last.output)
    if failure:
        raise failure
    elapsed = time.monotonic() - started
    with open(os.path.join(out_dir, "output.txt"), "w") as log:
        log.write("\n".join(segment.output for segment in restarts.segments))
    # Out of time after a crash set aside: nothing found, as a seed that ran clean.
    last = restarts.last if restarts.last_run_stands else None
    finding = findings.classify(last.output) if last and last.rc != 0 else None
    artifact = last.log.artifacts[0] if last and last.log.artifacts else None
    if artifact and os.path.isfile(artifact):
        replay.save_settings(artifact, target, "" if plan else bug_id)
        module_plan.save_beside(artifact, plan)
    return Attempt(bug_id, seed, elapsed, restarts.executions, finding, artifact,
                   len(restarts.set_apart))


def keep_beside(out_dir, artifact, known):
    """Not this hunt's business: keeps the input beside the seed's output, named for the
    interpreter bug."""
    destination = os.path.join(out_dir, "%s-%s" % (known.id, os.path.basename(artifact)))
    os.replace(artifact, destination)
    return destination


def median_found(attempts):
    times = [a.seconds for a in attempts if a.outcome == "found"]
    if len(times) < len(attempts):
        return None  # a seed that did not find it makes the median undefined, not smaller
    return statistics.median(times)


def run(args):
    if args.module and (args.id or args.all):
        raise UsageError("hunt --module NAME hunts any finding of the module; it takes no "
                         "defect id or --all")
    if not args.module and bool(args.id) == bool(args.all):
        raise UsageError("hunt needs one defect id, --all or --module NAME")
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz")
    if args.module:
        return run_on_module(args, interpreter, directory)
    catalog = defects.by_id()
    ids = list(catalog) if args.all else [args.id]
    for bug_id in ids:
        if bug_id not in catalog:
            raise UsageError("unknown defect %r; ./gcfuzz bugs lists them" % bug_id)
    built = targets.available(directory)
    jobs = []
    skipped = []
    for bug_id in ids:
        defect = catalog[bug_id]
        target = defect.target
        if not defects.exists_on(defect, interpreter.version):
            skipped.append((bug_id, "no such defect before CPython %s" % defect.python_min))
            continue
        if target not in built:
            skipped.append((bug_id, "needs %s (not built)" % target))
            continue
        for seed in range(1, args.seeds + 1):
            jobs.append((built[target], target, bug_id, seed, args.time, interpreter.version))
    results = run_jobs(jobs, args.jobs)
    print_table(ids, results, skipped, interpreter)
    failed = any(a.outcome != "found" for attempts in results.values() for a in attempts)
    return 1 if failed or (skipped and not args.all) else 0


def run_on_module(args, interpreter, directory):
    module_plan.check_options(args)
    built = targets.available(directory)
    if args.target not in built:
        raise UsageError("unknown target %r (./gcfuzz fuzz --list)" % args.target)
    plan = module_plan.prepare(args, interpreter, directory)
    row = MODULE_ROW + args.module
    jobs = [(built[args.target], args.target, row, seed, args.time, interpreter.version, plan)
            for seed in range(1, args.seeds + 1)]
    results = run_jobs(jobs, args.jobs)
    print_table([row], results, [], interpreter)
    return 0 if all(a.outcome == "found" for a in results.get(row, [])) else 1


def run_jobs(jobs, parallel):
    """{row: [Attempt]}, printing a line per seed as it ends."""
    results = {}
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        for attempt in pool.map(lambda job: hunt_once(*job), jobs):
            results.setdefault(attempt.bug_id, []).append(attempt)
            print("  %-32s seed %-3d %7.1f s %10s execs  %s%s"
                  % (attempt.bug_id, attempt.seed, attempt.seconds,
                     "{:,}".format(attempt.executions), attempt.outcome,
                     " (passed over %d known CPython crash%s)" % (
                         attempt.interpreter_crashes,
                         "es" if attempt.interpreter_crashes > 1 else "")
                     if attempt.interpreter_crashes else ""), flush=True)
            if attempt.bug_id.startswith(MODULE_ROW) and attempt.finding is not None:
                print("  %-32s          %s [%s]" % ("", attempt.finding.oracle,
                                                    attempt.finding.bug_class or "?"),
                      flush=True)
    return results


def print_table(ids, results, skipped, interpreter):
    print("\n==== gcfuzz hunt on %s ====" % interpreter.describe())
    print("| %s | found | median time to find | median executions | false positives |"
          % ("subject" if any(i.startswith(MODULE_ROW) for i in ids) else "defect"))
    print("|---|---|---|---|---|")
    skipped = dict(skipped)
    for bug_id in ids:
        if bug_id in skipped:
            print("| %s | %s | | | |" % (bug_id, skipped[bug_id]))
            continue
        attempts = sorted(results.get(bug_id, []), key=lambda a: a.seed)
        found = [a for a in attempts if a.outcome == "found"]
        false_positives = [a for a in attempts if a.outcome.startswith("FALSE")]
        median = median_found(attempts)
        executions = statistics.median([a.executions for a in found]) if found else None
        print("| %s | %d/%d | %s | %s | %s |" % (
            bug_id, len(found), len(attempts),
            "%.1f s" % median if median is not None else "-",
            "{:,.0f}".format(executions) if executions is not None else "-",
            "; ".join(a.outcome[len("FALSE POSITIVE: "):] for a in false_positives) or "none"))
    print("\nlogs and findings: %s" % paths.relative(os.path.join(paths.WORK, "hunt")))
