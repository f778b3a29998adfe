"""What every command over a finding file (repro, minimize) needs before it replays: the
build, the program tool, the file's target and what to arm."""
from . import build, defects, interpreters, program_tool, replay


def add_plant_option(parser):
    parser.add_argument("--plant", metavar="ID,...", default=None,
                        help="the defects armed when it was found (default: FILE.plant, a "
                             "defect-named folder on its path, GCFUZZ_PLANT, else none)")


class Setup:
    """What every command over a finding file needs: build, tool, target, plant."""

    def __init__(self, args, path):
        replay.check_finding_file(path)
        self.interpreter = interpreters.resolve(args.python)
        self.directory = build.ensure_built(self.interpreter, "fuzz",
                                            targets=["gcfuzz_program"], quiet=True)
        self.tool = program_tool.path_in(self.directory)
        self.defect_ids = defects.ids()
        self.description = program_tool.describe(self.tool, path)
        self.target = self.description.target
        build.ensure_built(self.interpreter, "fuzz", targets=[self.target], quiet=True)
        self.executable = replay.executable_for(self.directory, self.target)
        self.plant, self.plant_source = replay.plant_for(path, args.plant, self.defect_ids)
