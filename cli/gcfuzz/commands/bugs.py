"""./gcfuzz bugs: the planted defects of the fixture catalog, by id."""
import subprocess

from .. import build, interpreters
from ..arguments import add_python_option
from ..errors import SetupError

NAME = "bugs"
SUMMARY = "list the planted defects: id, the defect, the signal that must flag it"


def add_arguments(parser):
    add_python_option(parser)


def catalog(directory):
    """[(id, defect, signal)] as the fixtures' own gcfuzz_bugs prints them."""
    import os
    executable = os.path.join(directory, "fixtures", "gcfuzz_bugs")
    result = subprocess.run([executable, "--list"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SetupError("gcfuzz_bugs --list failed: %s" % result.stderr.strip()[:200])
    rows = []
    for line in result.stdout.splitlines():
        fields = line.split("\t")
        if len(fields) == 3:
            rows.append(tuple(fields))
    return rows


def run(args):
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=["gcfuzz_bugs"])
    rows = catalog(directory)
    width = max(len(row[0]) for row in rows)
    for bug_id, defect, signal in rows:
        print("%-*s  %s\n%-*s  flagged by: %s" % (width, bug_id, defect, width, "", signal))
    print("\narm with --plant ID[,ID...] or GCFUZZ_PLANT=ID[,ID...] for raw libFuzzer runs")
    return 0
