"""./gcfuzz stress: free-running threads, for the races lock-step cannot produce.

stress_fuzzer runs N programs at once, one per thread, the GIL passing between them every
switch interval and between operations (fuzzers/stress_fuzzer.cc). Nothing about that is
replayable, so each finding is saved with what is needed to run it again (the input, and a
sidecar FILE.stress with the thread count, the switch interval and what was armed, plus
FILE.plant as every replay reads it) and is re-run K times, one process each, to report its
reproduction rate: the share of runs that end in a finding with the same signature.

libFuzzer stops at the first finding; the loop here starts it again on the same corpus
until the time is spent, so one run can collect several findings.
"""
import json
import os
import sys
import time

from .. import (build, defects, interpreters, module_plan, paths, replay, signature,
               targets)
from ..arguments import add_python_option, positive_int
from .. import errors
from ..errors import SetupError, UsageError
from ..libfuzzer_process import stream

NAME = "stress"
SUMMARY = "free-running threads: random programs at once, findings re-run for their rate"
TARGET = "stress_fuzzer"
MAX_THREADS = 8


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("--threads", type=positive_int, default=4, metavar="N",
                        help="programs and threads at once, 2..%d (default: 4)" % MAX_THREADS)
    parser.add_argument("--time", type=positive_int, default=60, metavar="S",
                        help="seconds to stress (default: 60)")
    parser.add_argument("--switch-interval", type=float, default=1e-6, metavar="SECONDS",
                        help="sys.setswitchinterval() for the run (default: 1e-6)")
    parser.add_argument("--reruns", type=positive_int, default=20, metavar="K",
                        help="re-runs of each finding for its reproduction rate (default: 20)")
    parser.add_argument("--plant", metavar="ID[,ID...]", default="",
                        help="arm these planted defects (default: none, the sound catalog)")
    module_plan.add_options(parser)
    parser.add_argument("--rerun", metavar="FILE",
                        help="only re-run a saved stress finding K times and report its rate")


def check(args):
    if not 2 <= args.threads <= MAX_THREADS:
        raise UsageError("--threads must be from 2 to %d" % MAX_THREADS)
    if not 0 < args.switch_interval <= 0.1:
        raise UsageError("--switch-interval must be above 0 and at most 0.1 seconds")


def stress_settings_env(settings):
    """What stress_fuzzer reads besides GCFUZZ_PLANT."""
    return {"GCFUZZ_STRESS_THREADS": str(settings["threads"]),
            "GCFUZZ_SWITCH_INTERVAL": repr(settings["switch_interval"])}


def stress_env(settings):
    return dict(os.environ, GCFUZZ_PLANT=settings["plant"], **stress_settings_env(settings))


def save_settings(artifact, settings):
    with open(artifact + ".stress", "w") as handle:
        json.dump(settings, handle, indent=1, sort_keys=True)
        handle.write("\n")
    replay.save_settings(artifact, TARGET, settings["plant"])


def load_settings(path):
    replay.check_finding_file(path)
    sidecar = path + ".stress"
    try:
        with open(sidecar) as handle:
            settings = json.load(handle)
        signature_text = settings.get("signature")
        settings = {"threads": int(settings["threads"]),
                    "switch_interval": float(settings["switch_interval"]),
                    "plant": str(settings.get("plant", "")),
                    "signature": str(signature_text) if signature_text else None}
    except FileNotFoundError:
        raise SetupError("%s: no %s next to it (not a stress finding)"
                         % (path, os.path.basename(sidecar)))
    except (ValueError, KeyError, TypeError) as error:
        raise SetupError("%s: unreadable (%s)" % (sidecar, error))
    return settings


def reproduction(executable, artifact, settings, runs):
    """How many of `runs` fresh processes end in the finding's signature. A sidecar without
    a signature (made by hand) takes the first re-run's finding as the one to count."""
    wanted = settings.get("signature")
    same = 0
    for _ in range(runs):
        status, output = replay.run_once(executable, TARGET, artifact, settings["plant"],
                                         stress_settings_env(settings))
        found = signature.of_output(output) if status != 0 else None
        if found is not None and wanted is None:
            wanted = str(found)
        if found is not None and str(found) == wanted:
            same += 1
    return same, wanted or "no finding"


def report_rate(artifact, wanted, same, runs):
    print("gcfuzz stress: %s: %d/%d re-runs reproduce %s"
          % (paths.relative(artifact), same, runs, wanted), flush=True)


def run_rerun(args, directory):
    settings = load_settings(args.rerun)
    same, wanted = reproduction(targets.find(directory, TARGET), args.rerun, settings,
                                args.reruns)
    report_rate(args.rerun, wanted, same, args.reruns)
    return 0 if same == args.reruns else 1


def run(args):
    check(args)
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz")
    if args.rerun:
        return run_rerun(args, directory)
    executable = targets.find(directory, TARGET)
    settings = {"threads": args.threads, "switch_interval": args.switch_interval,
                "plant": defects.check_ids(args.plant), "python": interpreter.describe()}
    plan, corpus, findings_dir = module_plan.run_setup(args, interpreter, directory, TARGET,
                                                       settings["plant"])
    if plan:
        settings["module"] = args.module
    env = stress_env(settings)
    if plan:
        env[module_plan.PLAN_VARIABLE] = plan
    print("gcfuzz stress: %d threads, switch interval %g s, %s, for %d s"
          % (args.threads, args.switch_interval,
             "module " + args.module if args.module else
             "armed: " + settings["plant"] if settings["plant"] else "the sound catalog",
             args.time), file=sys.stderr, flush=True)
    started = time.monotonic()
    executions = 0
    found = []  # (artifact, signature, same)
    while True:
        left = int(args.time - (time.monotonic() - started))
        if left < 1:
            break
        command = targets.timed_run_command(executable, TARGET, left, corpus, findings_dir, [],
                                            seeds=not args.module)
        lines = []
        rc, log = stream(command, env, lines)
        output = "".join(lines)
        executions += log.total_executions
        failure = errors.target_setup_failure(rc, output, shown=True)
        if failure:
            raise failure
        if not log.artifacts:
            if rc != 0:
                raise SetupError("%s exited with status %d and saved nothing (see above)"
                                 % (TARGET, rc))
            break
        artifact = log.artifacts[0]
        if any(artifact == seen for seen, _, _ in found):
            continue  # the same input again (libFuzzer restarts on the same corpus)
        module_plan.save_beside(artifact, plan)  # the re-runs read it
        first = signature.of_output(output)
        here = dict(settings, signature=str(first) if first else None)
        same, here["signature"] = reproduction(executable, artifact, here, args.reruns)
        save_settings(artifact, here)
        report_rate(artifact, here["signature"], same, args.reruns)
        found.append((artifact, here["signature"], same))
    elapsed = time.monotonic() - started
    print_summary(interpreter, settings, elapsed, executions, corpus, found, args.reruns)
    return 1 if found else 0


def print_summary(interpreter, settings, elapsed, executions, corpus, found, runs):
    lines = [
        "",
        "==== gcfuzz stress: summary ====",
        "target      %s on %s" % (TARGET, interpreter.describe()),
        "threads     %d, switch interval %g s" % (settings["threads"],
                                                  settings["switch_interval"]),
        ("module      %s" % settings["module"]) if settings.get("module") else
        "armed       %s" % (settings["plant"] or "nothing (the sound catalog)"),
        "time        %d s (re-runs included)" % round(elapsed),
        "executions  {:,} ({} programs at once each)".format(executions, settings["threads"]),
        "corpus      %s" % paths.relative(corpus),
        "findings    %d" % len(found),
    ]
    for artifact, wanted, same in found:
        lines.append("  %s" % paths.relative(artifact))
        lines.append("    %s: reproduced %d/%d (%.0f %%)" % (wanted, same, runs, 100.0 * same / runs))
        lines.append("    re-run: ./gcfuzz stress --rerun %s --reruns %d"
                     % (paths.relative(artifact), runs))
    print("\n".join(lines), flush=True)
