#!/usr/bin/env python3
"""Executions per second of graph_fuzzer on the sound catalog, as ./gcfuzz fuzz runs it
(default limits, its .options and dictionary, ASan + UBSan), from an empty corpus.

  bench/graph_fuzzer_speed.py [--python X] [--seconds 60] [--rounds 3]

Prints each round's exec/s and the median; a round that finds anything fails the script,
since the sound catalog must never produce a finding.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "cli"))

from gcfuzz import build, interpreters, libfuzzer_log, targets  # noqa: E402

TARGET = "graph_fuzzer"


def one_round(executable, seconds, seed):
    with tempfile.TemporaryDirectory(prefix="gcfuzz-speed-") as corpus:
        command = [executable, corpus, "-max_total_time=%d" % seconds, "-seed=%d" % seed,
                   "-print_final_stats=1", "-artifact_prefix=%s/" % corpus]
        command += targets.standard_flags(TARGET)
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, errors="replace", env=dict(os.environ, GCFUZZ_PLANT=""))
    if result.returncode != 0:
        sys.exit("graph_fuzzer_speed: the sound catalog produced a finding:\n"
                 + result.stdout[-3000:])
    run = libfuzzer_log.parse(result.stdout)
    return run.total_executions / float(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=None)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=[TARGET], quiet=True)
    executable = targets.find(directory, TARGET)
    rates = []
    for index in range(args.rounds):
        rates.append(one_round(executable, args.seconds, seed=index + 1))
        print("round %d: %.0f exec/s" % (index + 1, rates[-1]), flush=True)
    print("median: %.0f exec/s over %d x %d s (%s, %d cores)"
          % (statistics.median(rates), args.rounds, args.seconds, interpreter.describe(),
             os.cpu_count() or 0))


if __name__ == "__main__":
    main()
