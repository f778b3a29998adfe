#!/usr/bin/env python3
"""The host's cost per input: executions per second of empty_program_fuzzer (an empty
program through the full host protocol) against bare_collect_fuzzer (one PyGC_Collect per
input, nothing else) on the same interpreter, in the same sanitized build.

The machines are noisy, so the two run alternately, several rounds in one invocation, and
the figure is the median of the per-round ratios.

  bench/host_overhead.py [--python X] [--rounds 5] [--seconds 3]
"""
import argparse
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "cli"))

from gcfuzz import build, interpreters, libfuzzer_log, targets  # noqa: E402

BARE, HOST = "bare_collect_fuzzer", "empty_program_fuzzer"


def executions_per_second(executable, seconds):
    result = subprocess.run([executable, "-max_total_time=%d" % seconds, "-print_final_stats=1",
                             "-max_len=64"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit("host_overhead: %s failed:\n%s" % (executable, result.stdout[-2000:]))
    run = libfuzzer_log.parse(result.stdout)
    return run.total_executions / float(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=3)
    args = parser.parse_args()
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=[BARE, HOST], quiet=True)
    bare_exe, host_exe = targets.find(directory, BARE), targets.find(directory, HOST)
    ratios = []
    print("%-6s %14s %14s %8s" % ("round", BARE, HOST, "ratio"))
    for index in range(args.rounds):
        bare = executions_per_second(bare_exe, args.seconds)
        host = executions_per_second(host_exe, args.seconds)
        ratios.append(bare / host)
        print("%-6d %12.0f/s %12.0f/s %7.2fx" % (index + 1, bare, host, ratios[-1]))
    print("median: the host costs %.2fx the bare target's time per input (%s)"
          % (statistics.median(ratios), interpreter.describe()))


if __name__ == "__main__":
    main()
