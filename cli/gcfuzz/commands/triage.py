"""./gcfuzz triage DIR: group finding files by signature (signature.py).

Every file under DIR named like a libFuzzer artifact (crash-, leak-, timeout-, oom-,
slow-unit-) or a minimized finding (*.min) is replayed once, each with the defects armed
that replay.plant_for() finds for it (hunt's work/hunt/<id>/seed-K/ folders name them).
One line per group: how many files, the bug class, the signature, the smallest file.

A group is one root cause. When the fixture names the bug class of a finding (the planted
defect the input exercised), the class is the group: one defect shows through different
oracles, frames and operations (a use-after-free during a drop, the same one in the final
step), and those are the same bug to fix. The group's line shows its commonest signature
and how many others it holds. A known crash of CPython itself (interpreter_bugs.py) is
grouped under that bug's id (cpython-...). A finding without a class (a real extension's bug) is grouped
by its whole signature.
"""
import collections
import os
from concurrent.futures import ThreadPoolExecutor

from .. import (build, defects, interpreter_bugs, interpreters, program_tool, replay,
               signature)
from ..arguments import add_python_option
from ..errors import SetupError

NAME = "triage"
SUMMARY = "replay every finding under DIR and group them by signature, one line per group"

_PREFIXES = ("crash-", "leak-", "timeout-", "oom-", "slow-unit-")


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("dir", help="a folder of findings (e.g. work/hunt)")
    parser.add_argument("--plant", metavar="ID,...", default=None,
                        help="arm these for every file (default: per file, as repro decides)")


_SIDECARS = (".plant", ".target", ".stress", ".module")


def finding_files(directory):
    found = []
    for folder, _, files in os.walk(directory):
        for name in sorted(files):
            # Sidecars (FILE.plant, FILE.target, FILE.stress) describe a finding; not one.
            if name.endswith(_SIDECARS):
                continue
            if name.startswith(_PREFIXES) or name.endswith(".min"):
                found.append(os.path.join(folder, name))
    return sorted(found)


def group_key(sig):
    """The bug class when the finding names one, else the whole signature."""
    return "class " + sig.bug_class if sig.bug_class else "signature " + str(sig)


def commonest_signature(signatures):
    """(the commonest signature, how many other distinct ones) of one group."""
    counts = collections.Counter(str(sig) for sig in signatures)
    shown = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return shown, len(counts) - 1


def run(args):
    if not os.path.isdir(args.dir):
        raise SetupError("%s: %s" % (args.dir, "not a folder" if os.path.exists(args.dir)
                                     else "no such folder"))
    files = finding_files(args.dir)
    if not files:
        raise SetupError("%s: no finding files (crash-*, leak-*, timeout-*, oom-*, *.min)" % args.dir)
    interpreter = interpreters.resolve(args.python)
    directory = build.ensure_built(interpreter, "fuzz", targets=["gcfuzz_program", "gcfuzz_bugs"],
                                   quiet=True)
    tool = program_tool.path_in(directory)
    defect_ids = defects.ids()

    def one(path):
        if os.path.getsize(path) == 0:
            return path, None, "empty file"
        try:
            description = program_tool.describe(tool, path)
            executable = replay.executable_for(directory, description.target)
            plant, _ = replay.plant_for(path, args.plant, defect_ids)
        except SetupError as error:
            return path, None, str(error)
        status, output = replay.run_once(executable, description.target, path, plant)
        sig = signature.of_output(output) if status != 0 else None
        known = interpreter_bugs.match(output, interpreter.version) if sig else None
        if known:  # grouped under the CPython bug's id, which no fixture defect has
            sig.finding.bug_class = known.id
        return path, sig, None if sig else "does not reproduce (armed: %s)" % (plant or "nothing")

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(one, files))
    groups = collections.OrderedDict()
    problems = []
    for path, sig, problem in results:
        if sig is None:
            problems.append((path, problem))
        else:
            groups.setdefault(group_key(sig), []).append((path, sig))
    print("%d files, %d groups" % (len(files), len(groups)))
    for key, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        paths = [path for path, _ in members]
        smallest = min(paths, key=lambda p: (os.path.getsize(p), p))
        shown, others = commonest_signature([sig for _, sig in members])
        print("%4d  %-32s %s%s  smallest: %s (%d bytes)" % (
            len(paths), members[0][1].bug_class or "?", shown,
            " (+%d other signature%s)" % (others, "s" if others > 1 else "") if others else "",
            os.path.relpath(smallest), os.path.getsize(smallest)))
    for path, problem in problems:
        print("   -  %s: %s" % (os.path.relpath(path), problem))
    return 0
