"""The CTests that judge a fuzzer's run the way ./gcfuzz hunt does: the bounded finds
(<target>.finds.<id>), the sound runs, and the regression replays.

    python3 -m gcfuzz.find_check VERSION (--finds ID | --clean) --runs N -- FUZZER [FLAG...]
    python3 -m gcfuzz.find_check VERSION (--finds ID | --clean) --once -- COMMAND [ARG...]

--runs N runs FUZZER from an empty corpus (a temporary directory) for N executions in all,
with the flags every run of that target gets (its dictionary and .options, as hunt and
fuzz pass them). A crash that is a known bug of CPython itself on VERSION
(interpreter_bugs.py) is neither the defect nor a finding on the sound catalog: its input
is kept beside the other artifacts (`interpreter-<bug id>-<its name>` beside it) and
libFuzzer goes on from the same corpus for the runs left, under the one restart policy
(known_crash_restarts.py). Without this, a test on Debian's 3.11 fails by chance whenever
the fuzzer meets that bug before its target.

--once runs COMMAND once as it is (a target on one input, a reproducer script in a plain
interpreter) and judges what it printed the same way.

--finds-any REGEX (module mode, where a user's module has no defect ids) passes when the
run ends in a finding, of whatever class, whose report matches REGEX (the bug class, a
function that must be on the stack, or alternatives: `gc-opaque-holder|survived the final
collection`).

--finds ID passes when the run ends in a finding classified (findings.py, the one rule for
"this finding is defect X") as ID: another class is a false positive and fails, and so
does a run that uses up its executions. --clean passes when the run ends with no finding.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

from . import findings, known_crash_restarts, libfuzzer_log, targets
from .libfuzzer_process import streamed


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python3 -m gcfuzz.find_check")
    parser.add_argument("version", help="the CPython version FUZZER embeds (3.11, ...)")
    expect = parser.add_mutually_exclusive_group(required=True)
    expect.add_argument("--finds", metavar="ID", help="require a finding of this defect")
    expect.add_argument("--finds-any", metavar="REGEX",
                        help="require a finding whose report matches REGEX")
    expect.add_argument("--clean", action="store_true", help="require no finding")
    length = parser.add_mutually_exclusive_group(required=True)
    length.add_argument("--runs", type=int, metavar="N",
                        help="fuzz from an empty corpus for N executions")
    length.add_argument("--once", action="store_true", help="run COMMAND once, as it is")
    # The fuzzer's own flags start with one dash too: split at "--" before argparse sees them.
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    args.command = argv[split + 1:]
    if not args.command:
        parser.error("no fuzzer command after --")
    if not os.access(args.command[0], os.X_OK):
        parser.error("%s: not an executable" % args.command[0])
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def set_aside(artifact, bug, corpus):
    """Renames a known interpreter crash's input so it is not read as the finding, and drops
    its twin from the corpus (libFuzzer names both by the input's SHA-1) so a reload does not
    crash again at once."""
    folder, name = os.path.split(artifact)
    destination = os.path.join(folder, "interpreter-%s-%s" % (bug.id, name))
    os.replace(artifact, destination)
    twin = os.path.join(corpus, libfuzzer_log.input_sha1(artifact))
    if os.path.isfile(twin):
        os.remove(twin)
    return destination


def fuzz_past_known_crashes(command, runs, version, corpus):
    """Runs `command` (FUZZER and its flags) on `corpus` until `runs` executions are done or
    it stops on something that is not a known interpreter crash. Returns (rc, the last run's
    output, executions in all, [(bug, input set aside)]); rc None when it gave up on a
    corpus that crashes the interpreter at once."""
    target = os.path.basename(command[0])
    flags = targets.standard_flags(target) + command[1:]

    def one_run(restarts):
        # -print_final_stats=1: without it a crashed run's count is its last status line's.
        return streamed([command[0], corpus, "-runs=%d" % (runs - restarts.executions),
                         "-print_final_stats=1"] + flags)

    def runs_left(restarts):
        left = runs - restarts.executions
        return left if left > 0 else None

    restarts = known_crash_restarts.run(
        one_run, version, lambda artifact, bug: set_aside(artifact, bug, corpus), runs_left,
        announce=announce_restart)
    if restarts.gave_up:
        return None, "", restarts.executions, restarts.set_apart
    if restarts.budget_used_up:
        return 0, "", restarts.executions, restarts.set_apart
    return restarts.last.rc, restarts.last.output, restarts.executions, restarts.set_apart


def run_once(command):
    """(rc, output) of COMMAND run once, its output on the terminal too."""
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    sys.stderr.write(result.stdout)
    return result.returncode, result.stdout


def announce_restart(bug, moved, runs_left):
    print("find_check: that crash is %s, a known CPython bug; its input is %s; "
          "%d runs left" % (bug.id, moved, runs_left), flush=True)


def verdict(args, rc, output, done, set_apart):
    """(passed, one line saying why)."""
    passed_over = (" after passing over %d known CPython crash%s" % (
        len(set_apart), "es" if len(set_apart) > 1 else "")) if set_apart else ""
    if rc is None:
        return False, ("gave up after {} known CPython crashes, the last {} each before "
                       "fuzzing began, {:,} runs in all").format(
                           len(set_apart), len(set_apart), done)
    finding = findings.classify(output) if rc != 0 else None
    if rc != 0 and finding is None:
        return False, "the command failed (status %d) without a finding" % rc
    if args.clean:
        if finding:
            return False, "a finding on the sound catalog: %s [%s]" % (
                finding.oracle, finding.bug_class or "unattributed")
        return True, "no finding in {}{}".format(_runs(done), passed_over)
    if args.finds_any is not None:
        if finding is None:
            return False, "no finding in {}{}".format(_runs(done), passed_over)
        if not re.search(args.finds_any, output):
            return False, "a finding, %s [%s], whose report does not mention %s" % (
                finding.oracle, finding.bug_class or "unattributed", args.finds_any)
        return True, "found {} [{}], mentioning {}, in {}{}".format(
            finding.oracle, finding.bug_class or "unattributed", args.finds_any, _runs(done),
            passed_over)
    if finding is None:
        return False, "%s not found in {}{}".format(_runs(done), passed_over) % args.finds
    if finding.bug_class != args.finds:
        return False, "FALSE POSITIVE while hunting %s: %s [%s]" % (
            args.finds, finding.oracle, finding.bug_class or "unattributed")
    return True, "found {} ({}) in {}{}".format(args.finds, finding.oracle, _runs(done),
                                               passed_over)


def _runs(done):
    return "one run" if done is None else "{:,} runs".format(done)


def main(argv):
    args = parse_arguments(argv)
    if args.once:
        (rc, output), done, set_apart = run_once(args.command), None, []
    else:
        with tempfile.TemporaryDirectory(prefix="gcfuzz-find-check-") as corpus:
            rc, output, done, set_apart = fuzz_past_known_crashes(
                args.command, args.runs, args.version, corpus)
    passed, why = verdict(args, rc, output, done, set_apart)
    print("find_check: %s: %s" % ("PASS" if passed else "FAIL", why), flush=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
