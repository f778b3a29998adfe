"""./gcfuzz minimize FILE: the smallest program with the same finding signature.

Delta debugging at the level of the program, not its bytes: first whole nodes (a node goes
with its creation and every operation naming it), then runs of operations, halving the run
length down to single operations, then single hook actions (what a __del__ or weakref
callback does), repeated until nothing more can go. A candidate is kept
when one run of the target on it has the same signature (signature.py) as the original.
Every candidate is written serialized (tools/gcfuzz_program drop: repaired, valid), so the
result is a GCFZ file whatever the input was.

libFuzzer's byte-level -minimize_crash is not run: it keeps any crash, not the same
signature, and on a serialized program its byte edits mostly fall back to raw decoding,
which is a different program; after this pass the file is already tens of bytes.
"""
import os
import shutil
import tempfile

from .. import finding_file, module_plan, program_tool, replay
from ..errors import SetupError
from ..arguments import add_python_option

NAME = "minimize"
SUMMARY = "shrink a finding's program (nodes, then operations) keeping its signature"


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("file", help="a finding file")
    finding_file.add_plant_option(parser)
    parser.add_argument("--out", metavar="OUT", help="where to write it (default: FILE.min)")


class Minimizer:
    def __init__(self, setup, path, wanted, workdir):
        self.setup, self.wanted, self.workdir = setup, wanted, workdir
        self.current = os.path.join(workdir, "current")
        self.tests = 0
        # The program as a serialized file, dropping nothing.
        program_tool.call(setup.tool, "drop", os.path.abspath(path), self.current)
        if not self.reproduces(self.current):
            shutil.copyfile(path, self.current)  # keep the original form

    def reproduces(self, candidate):
        self.tests += 1
        status, output = replay.run_once(self.setup.executable, self.setup.target, candidate,
                                         self.setup.plant)
        from .. import signature
        return status != 0 and signature.of_output(output) == self.wanted

    def describe(self):
        return program_tool.describe(self.setup.tool, self.current)

    def try_drop(self, ops=(), nodes=(), actions=()):
        candidate = os.path.join(self.workdir, "candidate")
        args = ["drop", self.current, candidate]
        if ops:
            args += ["--ops", ",".join(map(str, ops))]
        if nodes:
            args += ["--nodes", ",".join(map(str, nodes))]
        if actions:
            args += ["--actions", ",".join("%d:%d" % pair for pair in actions)]
        try:
            program_tool.call(self.setup.tool, *args)
        except SetupError:
            return False
        if self.reproduces(candidate):
            os.replace(candidate, self.current)
            return True
        return False

    def node_pass(self):
        changed = False
        node = self.describe().nodes - 1
        while node >= 0:
            if self.try_drop(nodes=[node]):
                changed = True
            node -= 1
        return changed

    def op_pass(self):
        changed = False
        count = self.describe().op_count
        chunk = max(1, count // 2)
        while chunk >= 1:
            start = 0
            while start < count:
                if self.try_drop(ops=range(start, min(count, start + chunk))):
                    changed = True
                    count = self.describe().op_count
                else:
                    start += chunk
            chunk //= 2
        return changed

    def action_pass(self):
        """Each hook action alone, last first, so earlier indices stay valid."""
        changed = False
        for op, size in sorted(self.describe().hook_sizes.items()):
            for action in reversed(range(size)):
                changed = self.try_drop(actions=[(op, action)]) or changed
        return changed

    def run(self):
        while True:
            changed = self.node_pass()
            changed = self.op_pass() or changed
            changed = self.action_pass() or changed
            if not changed:
                return


def run(args):
    setup = finding_file.Setup(args, args.file)
    before = setup.description
    wanted = None
    for _ in range(3):  # a flaky finding gets a few tries to show its signature
        status, output, sig = replay.replay(setup.executable, setup.target, args.file, setup.plant, 1)[0]
        if sig is not None:
            wanted = sig
            break
    if wanted is None:
        raise SetupError("%s does not reproduce (armed: %s), nothing to minimize"
                         % (args.file, setup.plant or "nothing"))
    print("signature: %s" % wanted)
    print("armed: %s (%s)" % (setup.plant or "nothing", setup.plant_source))
    out = args.out or args.file + ".min"
    # A module finding: every candidate runs, and is read, with the finding's plan.
    os.environ.update(module_plan.env_for(args.file))
    with tempfile.TemporaryDirectory(prefix="gcfuzz-minimize-") as workdir:
        minimizer = Minimizer(setup, args.file, wanted, workdir)
        minimizer.run()
        after = minimizer.describe()
        shutil.copyfile(minimizer.current, out)
    if module_plan.env_for(args.file) and not os.path.exists(out + module_plan.SIDECAR):
        module_plan.save_beside(out, args.file + module_plan.SIDECAR)
    if setup.plant and not os.path.exists(out + ".plant"):
        with open(out + ".plant", "w") as handle:
            handle.write(setup.plant + "\n")
    print("before: %s (%s)" % (before.size(), before.form))
    print("after:  %s (%s), %d test runs" % (after.size(), after.form, minimizer.tests))
    print("written: %s" % out)
    print(program_tool.call(setup.tool, "print", os.path.abspath(out)).split("\n", 1)[1], end="")
    return 0
