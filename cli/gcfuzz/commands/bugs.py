"""./gcfuzz bugs: the planted defects of the fixture catalog, by id (fixtures/defects.def)."""
from .. import defects

NAME = "bugs"
SUMMARY = "list the planted defects: id, the defect, the signal that must flag it"


def add_arguments(parser):
    del parser  # no options: the table is the same for every interpreter


def run(args):
    del args
    rows = defects.catalog()
    width = max(len(row.id) for row in rows)
    for row in rows:
        where = ("found by %s" % row.target) + (
            ", CPython %s+" % row.python_min if row.python_min else "")
        print("%-*s  %s\n%-*s  flagged by: %s\n%-*s  %s"
              % (width, row.id, row.text, width, "", row.signal, width, "", where))
    print("\narm with --plant ID[,ID...] or GCFUZZ_PLANT=ID[,ID...] for raw libFuzzer runs")
    return 0

