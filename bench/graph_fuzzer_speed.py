#!/usr/bin/env python3
"""Executions per second of graph_fuzzer on the sound catalog, as ./gcfuzz fuzz runs it
(default limits, its .options and dictionary, ASan + UBSan), from an empty corpus.

  bench/graph_fuzzer_speed.py [--python X] [--seconds 60] [--rounds 3] [--against DIR]

Prints each round's exec/s and the median; a round that finds anything fails the script,
since the sound catalog must never produce a finding.

--against DIR compares with another checkout of gcfuzz (say `git worktree add /tmp/base
HEAD~3`): each round runs both graph_fuzzers at the same time, one per core, with the same
seed, and prints their ratio (this checkout / DIR); the machine's speed changes by the
hour, so only ratios measured side by side say whether a change made it faster.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "cli"))

from gcfuzz import build, interpreter_bugs, interpreters, libfuzzer_log, targets  # noqa: E402

TARGET = "graph_fuzzer"


def start(executable, seconds, seed, corpus):
    """The fuzzer, its output going to a file in its corpus' directory (not a pipe: a pipe
    nobody reads while the other fuzzer is waited for would stall this one)."""
    command = [executable, os.path.join(corpus, "corpus"), "-max_total_time=%d" % seconds,
               "-seed=%d" % seed, "-print_final_stats=1", "-artifact_prefix=%s/" % corpus]
    command += targets.standard_flags(TARGET)
    os.mkdir(os.path.join(corpus, "corpus"))
    log = open(os.path.join(corpus, "log"), "w+")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               env=dict(os.environ, GCFUZZ_PLANT=""))
    process.log = log
    return process


def rate(process, seconds, executable, version):
    """exec/s of a finished run. One that a known crash of CPython itself ended early
    (interpreter_bugs.py; a 30-minute sound run meets a few) is measured as far as it got,
    by libFuzzer's own average; any other finding fails the script."""
    process.wait()
    process.log.seek(0)
    output = process.log.read()
    process.log.close()
    run = libfuzzer_log.parse(output)
    if process.returncode == 0:
        return run.total_executions / float(seconds)
    bug = interpreter_bugs.match(output, version)
    if bug is None or not run.exec_per_second:
        sys.exit("graph_fuzzer_speed: the sound catalog produced a finding (%s):\n%s"
                 % (executable, output[-3000:]))
    print("(%s ended early at a known CPython crash, %s: its average so far counts)"
          % (executable, bug.id), flush=True)
    return float(run.exec_per_second)


def one_round(executables, seconds, seed, version):
    """exec/s of each executable, all run at the same time."""
    corpora = [tempfile.TemporaryDirectory(prefix="gcfuzz-speed-") for _ in executables]
    try:
        processes = [start(executable, seconds, seed, corpus.name)
                     for executable, corpus in zip(executables, corpora)]
        return [rate(process, seconds, executable, version)
                for process, executable in zip(processes, executables)]
    finally:
        for corpus in corpora:
            corpus.cleanup()


def build_other_checkout(checkout, interpreter):
    """graph_fuzzer built by that checkout's own build code, in its own build/."""
    cli = os.path.join(checkout, "cli")
    if not os.path.isfile(os.path.join(cli, "gcfuzz", "build.py")):
        sys.exit("graph_fuzzer_speed: %s is not a gcfuzz checkout (no cli/gcfuzz/build.py)"
                 % checkout)
    script = ("import sys; sys.path.insert(0, %r)\n"
              "from gcfuzz import build, interpreters, targets\n"
              "d = build.ensure_built(interpreters.resolve(%r), 'fuzz', targets=[%r], quiet=True)\n"
              "print(targets.find(d, %r))" % (cli, interpreter.executable, TARGET, TARGET))
    result = subprocess.run([sys.executable, "-c", script], cwd=checkout,
                            stdout=subprocess.PIPE, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        sys.exit("graph_fuzzer_speed: could not build graph_fuzzer in %s" % checkout)
    return result.stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=None)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", metavar="DIR", default=None,
                        help="another gcfuzz checkout to run side by side with this one")
    args = parser.parse_args()
    if args.rounds < 1 or args.seconds < 1:
        parser.error("--rounds and --seconds must be at least 1")
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=[TARGET], quiet=True)
    executables = [targets.find(directory, TARGET)]
    if args.against:
        executables.append(build_other_checkout(os.path.abspath(args.against), interpreter))
    rates, ratios = [], []
    for index in range(args.rounds):
        measured = one_round(executables, args.seconds, index + 1, interpreter.version)
        rates.append(measured[0])
        if args.against:
            ratios.append(measured[0] / max(measured[1], 1e-9))
            print("round %d: %.0f exec/s, against %.0f: ratio %.2f"
                  % (index + 1, measured[0], measured[1], ratios[-1]), flush=True)
        else:
            print("round %d: %.0f exec/s" % (index + 1, measured[0]), flush=True)
    print("median: %.0f exec/s over %d x %d s (%s, %d cores)"
          % (statistics.median(rates), args.rounds, args.seconds, interpreter.describe(),
             os.cpu_count() or 0))
    if args.against:
        print("median ratio against %s: %.2f (each round both at once, one per core)"
              % (args.against, statistics.median(ratios)))


if __name__ == "__main__":
    main()
