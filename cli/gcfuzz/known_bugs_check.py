"""The CTest graph_fuzzer.known_interpreter_bugs: interpreter_bugs.KNOWN still says what the
interpreter does.

    python3 -m gcfuzz.known_bugs_check GRAPH_FUZZER VERSION

Each known bug's finding file runs once in graph_fuzzer, nothing armed. On a version the
bug lists, the run must crash and interpreter_bugs.match() must name that bug (else the
signature no longer fits and fuzz would stop on it as a finding); on any other version it
must run clean (else the interpreter has the bug too, and the list must say so).
"""
import os
import sys

from . import interpreter_bugs, paths, replay


def check(executable, version):
    """[problem] for every known bug that does not behave as listed on `version`."""
    problems = []
    for bug in interpreter_bugs.KNOWN:
        path = os.path.join(paths.ROOT, bug.finding)
        status, output = replay.run_once(executable, "graph_fuzzer", path, "")
        named = interpreter_bugs.match(output, version) if status != 0 else None
        if bug.affects(version):
            if named is not bug:
                problems.append("%s: CPython %s is listed as affected, but %s\n%s" % (
                    bug.id, version, "the run was clean" if status == 0 else
                    "the crash is not recognized as it", output[-3000:]))
        elif status != 0:
            problems.append("%s: CPython %s is not listed as affected, but the run failed "
                            "(status %d)\n%s" % (bug.id, version, status, output[-3000:]))
        print("%s on CPython %s: %s" % (bug.id, version, "crashes, recognized" if named else
                                        "runs clean" if status == 0 else "FAILS (status %d)"
                                        % status))
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: python3 -m gcfuzz.known_bugs_check GRAPH_FUZZER VERSION", file=sys.stderr)
        return 2
    problems = check(argv[1], argv[2])
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
