"""./gcfuzz repro FILE: replay a finding as ClusterFuzz does and explain it.

The target comes from the file itself (tools/target_detection.h), the armed defects from
replay.plant_for(). The file runs --runs times, one process each, in parallel; the report
is the program, the finding (oracle, bug class, the sanitizer's SUMMARY), its signature
(signature.py) and how often it reproduced. --script, --dot and --test write a Python
reproducer (checked: it is run once in a plain interpreter), the object graph at the
failing operation, and a GoogleTest draft.
"""
import collections
import os
import re
import subprocess

from .. import (build, finding_file, interpreter_bugs, module_plan, packages, preloaded_python,
               program_tool, replay)
from ..arguments import add_python_option, positive_int
from ..errors import SetupError, UsageError

NAME = "repro"
SUMMARY = "replay a finding file, print its program, finding, signature and reproduction rate"

_DURING_INDEX = re.compile(r"^gcfuzz: during operation #(\d+)")
_SUMMARY = re.compile(r"^SUMMARY: .*$", re.M)


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("file", help="a finding (crash-..., leak-...) or corpus file")
    finding_file.add_plant_option(parser)
    parser.add_argument("--runs", type=positive_int, default=100, metavar="N",
                        help="replays, one process each (default: 100)")
    parser.add_argument("--script", metavar="OUT.py", help="write a standalone Python reproducer")
    parser.add_argument("--dot", metavar="OUT.svg",
                        help="draw the object graph at the failing operation (.svg, .png, .pdf or .dot)")
    parser.add_argument("--test", metavar="OUT.cc", help="write a GoogleTest regression-test draft")


def failing_index(output):
    for line in output.splitlines():
        match = _DURING_INDEX.match(line)
        if match:
            return int(match.group(1))
    return -1


def write_dot(tool, path, index, title, out):
    dot = program_tool.call(tool, "dot", os.path.abspath(path), "--op", index, "--title", title)
    extension = os.path.splitext(out)[1].lstrip(".").lower() or "svg"
    if extension == "dot":
        with open(out, "w") as handle:
            handle.write(dot)
        return
    if extension not in ("svg", "png", "pdf"):
        raise UsageError("--dot %s: the picture is .svg, .png, .pdf or .dot" % out)
    packages.ensure("graphviz")
    result = subprocess.run(["dot", "-T" + extension, "-o", out], input=dot, text=True,
                            stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise SetupError("dot failed: %s" % (result.stderr.strip().splitlines() or ["?"])[0])


def script_header(sig, plant, path):
    return ["gcfuzz reproducer: %s" % sig,
            "from %s%s; run: ./gcfuzz python -- THIS.py" % (
                os.path.basename(path), " (armed: %s)" % plant if plant else "")]


def check_script(setup, script):
    """What the script finds in a plain interpreter (findings.classify), or None."""
    from .. import findings
    env = preloaded_python.environment(setup.directory)
    build.ensure_built(setup.interpreter, "fuzz", targets=["gcfuzz_fixtures_module"], quiet=True)
    try:
        result = subprocess.run([setup.interpreter.executable, script], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                errors="replace", timeout=120)
    except subprocess.TimeoutExpired:
        return None
    return findings.classify(result.stdout) if result.returncode != 0 else None


def run(args):
    setup = finding_file.Setup(args, args.file)
    print("# %s: %s, %s, for %s" % (args.file, setup.description.size(), setup.description.form,
                                     setup.target))
    print(program_tool.call(setup.tool, "print", os.path.abspath(args.file)).split("\n", 1)[1], end="")
    print("\narmed: %s (%s)" % (setup.plant or "nothing", setup.plant_source))
    results = replay.replay(setup.executable, setup.target, args.file, setup.plant, args.runs)
    counts = collections.Counter(sig for _, _, sig in results if sig is not None)
    if not counts:
        print("no finding in %d runs: the file does not reproduce" % args.runs)
        return 1
    sig, hits = counts.most_common(1)[0]
    output = next(out for _, out, s in results if s == sig)
    print("finding: %s" % sig.oracle)
    known = interpreter_bugs.match(output, setup.interpreter.version)
    if known:
        sig.finding.bug_class = known.id
        print("bug class: none: a known bug of CPython itself, %s\n"
              "  plain-Python reproducer: %s" % (known, known.reproducer))
    else:
        print("bug class: %s" % (sig.bug_class or "unattributed (no planted path ran)"))
    for line in _SUMMARY.findall(output):
        if "libFuzzer: deadly signal" not in line:
            print("  " + line)
    for line in output.splitlines():
        if line.startswith("gcfuzz: during "):
            print("  " + line)
    print("SIGNATURE: %s" % sig)
    print("reproduced: %d/%d runs (%.0f%%)" % (hits, args.runs, 100.0 * hits / args.runs))
    for other, count in counts.most_common()[1:]:
        print("  also: %d runs: %s" % (count, other))
    plan = module_plan.env_for(args.file)
    settings = ("%s=%s" % (module_plan.PLAN_VARIABLE, plan[module_plan.PLAN_VARIABLE]) if plan
                else "GCFUZZ_PLANT=%s" % setup.plant)
    print("replay by hand: %s %s %s" % (settings, setup.executable, args.file))
    index = failing_index(output)
    if args.script:
        text = program_tool.call(setup.tool, "script", os.path.abspath(args.file), "--arm",
                                 setup.plant, "--header", script_header(sig, setup.plant, args.file)[0],
                                 "--header", script_header(sig, setup.plant, args.file)[1])
        with open(args.script, "w") as handle:
            handle.write(text)
        found = check_script(setup, args.script)
        # An abort is libFuzzer's "deadly signal" in the fuzzer and the fixture's own
        # "... aborting" line in a plain interpreter: the same finding.
        aborts = {"libFuzzer: deadly signal", "abort"}
        same = found is not None and found.bug_class == sig.bug_class and (
            found.oracle == sig.oracle or {found.oracle, sig.oracle} <= aborts)
        print("script: %s (%d lines): %s" % (
            args.script, text.count("\n"),
            "reproduces in a plain interpreter" if same else
            "does NOT reproduce in a plain interpreter (%s)" % (found or "no finding")))
    if args.dot:
        write_dot(setup.tool, args.file, index, str(sig), args.dot)
        print("graph: %s (just before %s)" % (
            args.dot, "operation #%d" % index if index >= 0 else "the final step"))
    if args.test:
        expected = re.escape(_SUMMARY.findall(output)[0]) if _SUMMARY.findall(output) else ""
        name = re.sub(r"[^A-Za-z0-9]", "", (sig.bug_class or "finding").title()) or "Finding"
        text = program_tool.call(setup.tool, "test", os.path.abspath(args.file), "--arm", setup.plant,
                                 "--expect", expected, "--name", name, "--header",
                                 "gcfuzz regression-test draft: %s" % sig)
        with open(args.test, "w") as handle:
            handle.write(text)
        print("test draft: %s" % args.test)
    return 0
