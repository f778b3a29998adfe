"""Configure and build: one build directory per interpreter and preset, incremental.

build/<interpreter tag>/<preset>/ (see Interpreter.tag): switching interpreters never
rebuilds another's tree, and a second run of the same command is a Ninja no-op.
"""
import os
import subprocess
import sys

from . import packages, paths
from .errors import SetupError

PRESET_NEEDS = {"fuzz": ("build",), "release": ("build", "bench")}


def build_dir(interpreter, preset):
    return os.path.join(paths.BUILD, interpreter.tag, preset)


def _cached_python(directory):
    cache = os.path.join(directory, "CMakeCache.txt")
    if not os.path.exists(cache):
        return None
    with open(cache, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("GCFUZZ_PYTHON:"):
                return line.split("=", 1)[1].strip()
    return None


def _run(command, what, quiet):
    kwargs = {}
    if quiet:
        kwargs = dict(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    result = subprocess.run(command, cwd=paths.ROOT, **kwargs)
    if result.returncode != 0:
        if quiet:
            sys.stderr.write(result.stdout)
        raise SetupError("%s failed (%s)" % (what, " ".join(command)))


def ensure_built(interpreter, preset="fuzz", targets=None, quiet=False):
    """Configures (first time, or when the interpreter changed) and builds; returns the dir."""
    packages.ensure(*PRESET_NEEDS[preset])
    directory = build_dir(interpreter, preset)
    if _cached_python(directory) != interpreter.executable:
        print("gcfuzz: configuring %s build for %s in %s"
              % (preset, interpreter.describe(), paths.relative(directory)),
              file=sys.stderr, flush=True)
        _run(["cmake", "--preset", preset, "-B", directory,
              "-DGCFUZZ_PYTHON=" + interpreter.executable], "cmake configure", quiet=True)
    command = ["cmake", "--build", directory, "--parallel", str(os.cpu_count() or 2)]
    for target in targets or []:
        command += ["--target", target]
    print("gcfuzz: building %s (%s)" % (paths.relative(directory), interpreter.describe()),
          file=sys.stderr, flush=True)
    _run(command, "build", quiet=quiet)
    return directory
