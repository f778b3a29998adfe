"""./gcfuzz bench: the GC pause suite (release build), its cross-check, a table and a plot.

Per interpreter: gc_pause_bench writes Google Benchmark JSON (work/bench/<tag>.json) and
bench/pyperf_crosscheck.py times pyperformance's two GC workloads as a plain script
(<tag>.crosscheck.json). Then bench/pause_table.py and bench/pause_plot.py turn every
interpreter of the run into pauses.md and pauses.svg.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

from .. import build, interpreters, paths
from ..arguments import add_python_option
from ..errors import SetupError

NAME = "bench"
SUMMARY = "measure GC pauses (full and young collections, automatic collections) per interpreter"
TARGET = "gc_pause_bench"
BENCH_DIR = os.path.join(paths.ROOT, "bench")


def add_arguments(parser):
    add_python_option(parser)
    parser.epilog = ("--python all runs every usable interpreter found (Debian's python3.11 "
                     "and each pyenv version 3.8+). Results go to work/bench/ (bench/README.md).")
    parser.add_argument("--quick", action="store_true",
                        help="the short plan: sizes up to 1e6, the shape x kind matrix at "
                             "1e4 only, fewer repetitions (minutes per interpreter)")
    parser.add_argument("--out", metavar="DIR", default=os.path.join(paths.WORK, "bench"),
                        help="where the results go (default: work/bench)")
    parser.add_argument("--filter", metavar="RE",
                        help="only the benchmarks matching RE (--benchmark_filter)")


def chosen_interpreters(spec):
    if spec == "all":
        found = interpreters.all_usable()
        if not found:
            raise SetupError("--python all: no usable CPython 3.8+ found")
        return found
    return [interpreters.resolve(spec)]


def run_suite(interpreter, directory, output, quick, regex):
    """Runs gc_pause_bench; its console goes to a log, the medians to the terminal."""
    executable = os.path.join(directory, "bench", TARGET)
    command = [executable, "--benchmark_out=" + output, "--benchmark_out_format=json",
               "--benchmark_report_aggregates_only=true"]
    if quick:
        command.append("--gcfuzz_quick")
    if regex:
        command.append("--benchmark_filter=" + regex)
    log_path = os.path.splitext(output)[0] + ".log"
    print("gcfuzz: %s (log: %s)" % (" ".join(paths.relative(p) for p in command),
                                    paths.relative(log_path)), file=sys.stderr, flush=True)
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, errors="replace", bufsize=1)
        for line in process.stdout:
            log.write(line)
            if "_median " in line or "ERROR OCCURRED" in line:
                print("  " + line.split("/iterations:")[0] + "  " + line.split()[1] + " "
                      + line.split()[2], flush=True)
        rc = process.wait()
    if rc != 0:
        raise SetupError("%s failed with status %d on %s; see %s"
                         % (TARGET, rc, interpreter.describe(), paths.relative(log_path)))


CROSSCHECK_FILTER = "full/pyperf_"
CROSSCHECK_ROUNDS = 3


def _suite_medians(executable):
    """gc_pause_bench's medians (us) for the pyperformance cases, from one short run."""
    result = subprocess.run([executable, "--benchmark_filter=" + CROSSCHECK_FILTER,
                             "--benchmark_format=json", "--benchmark_report_aggregates_only=true"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SetupError("%s (cross-check) failed: %s" % (TARGET, result.stderr.strip()[-300:]))
    medians = {}
    for row in json.loads(result.stdout)["benchmarks"]:
        if row.get("aggregate_name") == "median":
            name = "gc_collect" if "gc_collect" in row["run_name"] else "gc_traversal"
            medians[name] = row["real_time"]
    return medians


def _script_medians(interpreter):
    script = os.path.join(BENCH_DIR, "pyperf_crosscheck.py")
    result = subprocess.run([interpreter.executable, "-E", "-s", script],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise SetupError("pyperf_crosscheck.py failed on %s: %s" % (interpreter.describe(), last))
    return json.loads(result.stdout)


def summarize_crosscheck(rounds):
    """The rounds' medians: per workload, the median of the rounds' medians (us) for the
    suite and for the script's frozen and unfrozen variants."""
    names = ("gc_collect", "gc_traversal")
    summary = {"rounds": rounds}
    for variant in ("frozen", "unfrozen"):
        summary[variant] = {
            name: {"median_us": statistics.median(r["script"][variant][name]["median_us"]
                                                  for r in rounds)}
            for name in names}
    summary["suite"] = {name: {"median_us": statistics.median(r["suite"][name] for r in rounds)}
                        for name in names}
    return summary


def run_crosscheck(interpreter, directory, output):
    """The suite and the plain script, alternately, a few rounds: the machine's load changes
    from minute to minute, so each round compares two measurements taken moments apart."""
    executable = os.path.join(directory, "bench", TARGET)
    rounds = []
    for _ in range(CROSSCHECK_ROUNDS):
        suite = _suite_medians(executable)
        script = _script_medians(interpreter)
        rounds.append({"suite": suite, "script": script})
    with open(output, "w", encoding="utf-8") as handle:
        json.dump(summarize_crosscheck(rounds), handle, indent=1)


def record_load_after(output):
    """Adds the load average at the end of the run to the JSON's context, next to Google
    Benchmark's load_avg from its start: the figures are only as good as the quietest of
    the two (bench/README.md, "Noise")."""
    with open(output, encoding="utf-8") as handle:
        data = json.load(handle)
    data.setdefault("context", {})["gcfuzz_load_avg_after"] = list(os.getloadavg())
    with open(output, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)


def render(script, output, inputs):
    result = subprocess.run([sys.executable, os.path.join(BENCH_DIR, script), output] + inputs,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise SetupError("%s failed: %s" % (script, result.stdout.strip()[-300:]))


def to_png(svg, png):
    """pauses.png beside the SVG when librsvg's converter is installed (Debian's
    librsvg2-bin); the SVG is the result, the PNG a convenience for viewers without SVG."""
    converter = shutil.which("rsvg-convert")
    if converter is None:
        return False
    result = subprocess.run([converter, "--background-color=white", "-o", png, svg],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return result.returncode == 0


def bench_one(interpreter, args):
    """Builds, runs the suite and the cross-check for one interpreter; returns its JSON."""
    started = time.monotonic()
    directory = build.ensure_built(interpreter, "release", targets=[TARGET], quiet=True)
    output = os.path.join(args.out, interpreter.tag + ".json")
    run_suite(interpreter, directory, output, args.quick, args.filter)
    record_load_after(output)
    run_crosscheck(interpreter, directory, os.path.splitext(output)[0] + ".crosscheck.json")
    print("gcfuzz: %s done in %.0f s" % (interpreter.describe(), time.monotonic() - started),
          file=sys.stderr, flush=True)
    return output


def run(args):
    chosen = chosen_interpreters(args.python)
    os.makedirs(args.out, exist_ok=True)
    written, failed = [], []
    for interpreter in chosen:
        try:
            written.append(bench_one(interpreter, args))
        except SetupError as error:
            # With several interpreters, one that does not build or run must not cost the
            # others' results: it is reported, skipped, and the exit status says so.
            if len(chosen) == 1:
                raise
            print("gcfuzz: skipped %s: %s" % (interpreter.describe(), error),
                  file=sys.stderr, flush=True)
            failed.append(interpreter.describe())
    if not written:
        raise SetupError("no interpreter could be benchmarked")
    table = os.path.join(args.out, "pauses.md")
    plot = os.path.join(args.out, "pauses.svg")
    render("pause_table.py", table, written)
    render("pause_plot.py", plot, written)
    png = os.path.splitext(plot)[0] + ".png"
    pictures = [plot, png] if to_png(plot, png) else [plot]
    print("results:")
    for path in written + [table] + pictures:
        print("  %s" % paths.relative(path))
    if failed:
        print("gcfuzz: not benchmarked: %s" % "; ".join(failed), file=sys.stderr)
        return 1
    return 0
