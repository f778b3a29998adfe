"""The planted defects, as fixtures/defects.def states them: the CLI's reader of that table.

defects.def is the one home of every per-defect fact (its id, the target that hunts it, the
oldest interpreter that has it, CTest's bound, the texts). The C++ reads it as an X-macro,
CMake with cmake/GcfuzzDefects.cmake, and the CLI here, without a build. The CTest
defects.readers_agree (`python3 -m gcfuzz.defects --check ...`) compares the three readings.
"""
import collections
import os
import re
import sys

from . import paths
from .errors import SetupError, UsageError

DEF_FILE = os.path.join(paths.ROOT, "fixtures", "defects.def")

Defect = collections.namedtuple(
    "Defect", "id leak_oracle target python_min find_runs text signal")

# A row: its machine fields on the first line, then the two texts (C string literals).
_ROW = re.compile(r'^GCFUZZ_DEFECT\((\w+), "([a-z_-]+)", (true|false), "(\w+)", "([0-9.]*)", '
                  r'([0-9]+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)', re.M)


def parse(text):
    rows = []
    for match in _ROW.finditer(text):
        _, bug_id, leak, target, python_min, runs, defect_text, signal = match.groups()
        rows.append(Defect(bug_id, leak == "true", target, python_min, int(runs),
                           defect_text, signal))
    return rows


def catalog():
    """[Defect] in table order."""
    try:
        with open(DEF_FILE, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        raise SetupError("%s: unreadable (%s)" % (paths.relative(DEF_FILE), error.strerror))
    rows = parse(text)
    if not rows or len(rows) != text.count("\nGCFUZZ_DEFECT("):
        raise SetupError("%s: a row does not have the form its header describes"
                         % paths.relative(DEF_FILE))
    return rows


def by_id():
    return {defect.id: defect for defect in catalog()}


def ids():
    return [defect.id for defect in catalog()]


def check_ids(csv, flag="--plant"):
    """The comma-separated ids, checked against the table and normalized ("" = none)."""
    chosen = [i.strip() for i in csv.split(",") if i.strip()]
    known = set(ids()) if chosen else set()
    for bug_id in chosen:
        if bug_id not in known:
            raise UsageError("%s: unknown defect %r; ./gcfuzz bugs lists them" % (flag, bug_id))
    return ",".join(chosen)


def target_for(bug_id):
    """The target that hunts the defect; graph_fuzzer for an id the table does not have."""
    defect = by_id().get(bug_id)
    return defect.target if defect else "graph_fuzzer"


def exists_on(defect, version):
    """Whether CPython `version` ("3.8") has the defect at all."""
    if not defect.python_min:
        return True
    return _version_tuple(version) >= _version_tuple(defect.python_min)


def _version_tuple(version):
    return tuple(int(part) for part in version.split(".")[:2])


def facts_lines(rows):
    """The machine facts one line each, in gcfuzz_bugs --facts's format."""
    return ["%s\t%d\t%s\t%s\t%d" % (d.id, int(d.leak_oracle), d.target, d.python_min,
                                     d.find_runs) for d in rows]


def main(argv):
    """--check GCFUZZ_BUGS CMAKE_TSV: the C++ reading (gcfuzz_bugs --facts), CMake's (the
    file it wrote at configure time) and this module's must be the same table."""
    import subprocess
    if len(argv) != 3 or argv[0] != "--check":
        print("usage: python3 -m gcfuzz.defects --check GCFUZZ_BUGS CMAKE_TSV", file=sys.stderr)
        return 2
    cxx = subprocess.run([argv[1], "--facts"], stdout=subprocess.PIPE, text=True,
                         check=True).stdout.splitlines()
    with open(argv[2], encoding="utf-8") as handle:
        cmake = handle.read().splitlines()
    cli = facts_lines(catalog())
    failed = False
    for name, lines in (("CMake", cmake), ("the CLI", cli)):
        if lines != cxx:
            failed = True
            differ = [(a, b) for a, b in zip(cxx, lines) if a != b]
            print("defects: %s reads defects.def differently from the C++: %s"
                  % (name, differ[0] if differ else "%d rows against %d" % (len(lines), len(cxx))))
    if not failed:
        print("defects: the C++, CMake and the CLI read the same %d rows" % len(cxx))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
