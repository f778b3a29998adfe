"""./gcfuzz fuzz: run a libFuzzer target with its progress on the terminal, then a summary."""
import os
import subprocess
import sys
import time

from .. import build, interpreters, libfuzzer_log, paths, targets
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


def print_summary(target, interpreter, directory, seconds, corpus, run, rc):
    rate = run.exec_per_second
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
    command = libfuzzer_command(executable, args.target, args.time, corpus, findings,
                                args.libfuzzer_flags)
    # Paths shown relative for reading; flags exactly as passed, so the line can be rerun.
    print("gcfuzz: %s" % " ".join(paths.relative(part) if os.path.exists(part) else part
                                  for part in command),
          file=sys.stderr, flush=True)
    env = dict(os.environ, GCFUZZ_PLANT=planted(directory, args.plant))
    if env["GCFUZZ_PLANT"]:
        print("gcfuzz: armed: %s" % env["GCFUZZ_PLANT"], file=sys.stderr, flush=True)
    started = time.monotonic()
    rc, run_log = stream(command, env)
    print_summary(args.target, interpreter, directory, round(time.monotonic() - started),
                  corpus, run_log, rc)
    return 0 if rc == 0 else 1
