"""Replaying a finding file: which target, what to arm, and runs of the target on it.

What was armed when a file was found is not in the file. Decision, in order:
  1. --plant IDS on the command line;
  2. a sidecar FILE.plant next to the file (one line, IDS);
  3. a folder on the file's path named after a defect: corpus/regressions/<id>/,
     work/hunt/<id>/seed-K/ (what hunt writes);
  4. GCFUZZ_PLANT from the environment, as the fuzzers read it;
  5. nothing: the sound catalog.

A replay is one process per run (a sanitizer report ends the process), run in parallel on
the cores, each with the target's standard flags and GCFUZZ_PLANT set.
"""
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

from . import module_plan, program_tool, signature, targets
from .errors import SetupError, UsageError

RUN_TIMEOUT = 120  # seconds: a run that takes longer is reported as a timeout


def check_finding_file(path):
    if not os.path.exists(path):
        raise SetupError("%s: no such file" % path)
    if not os.path.isfile(path):
        raise SetupError("%s: not a file" % path)
    if os.path.getsize(path) == 0:
        raise SetupError("%s: empty file (not a finding)" % path)


def save_settings(artifact, target, plant):
    """The sidecars every replay reads, written beside a finding by the commands that find
    (fuzz, stress): FILE.plant, what was armed, and FILE.target, the target that saved it
    (program_tool.raw_target_hint). A file means what its target made of it, and a planted
    defect's finding reproduces only armed."""
    with open(artifact + ".plant", "w") as handle:
        handle.write(plant + "\n")
    with open(artifact + ".target", "w") as handle:
        handle.write(target + "\n")


def plant_for(path, explicit, defect_ids):
    """The defects to arm (comma-separated, maybe empty) and where that came from."""
    if explicit is not None:
        unknown = [i for i in explicit.split(",") if i and i not in defect_ids]
        if unknown:
            raise UsageError("unknown defect %r; ./gcfuzz bugs lists them" % unknown[0])
        return explicit, "--plant"
    sidecar = path + ".plant"
    if os.path.isfile(sidecar):
        with open(sidecar, encoding="utf-8", errors="replace") as handle:
            ids = handle.read().strip()
        if all(i in defect_ids for i in ids.split(",") if i):
            return ids, os.path.basename(sidecar)
    for part in reversed(os.path.abspath(path).split(os.sep)[:-1]):
        if part in defect_ids:
            return part, "folder %s/" % part
    if os.environ.get("GCFUZZ_PLANT"):
        return os.environ["GCFUZZ_PLANT"], "GCFUZZ_PLANT"
    return "", "nothing armed"


def executable_for(directory, target):
    built = targets.available(directory)
    if target not in built:
        raise SetupError("this file is a %s input, and %s is not built" % (target, target))
    return built[target]


FULL_STACKS = "malloc_context_size=30"


def run_once(executable, target, path, plant, extra_env=None):
    """(exit status, combined output) of one run of the target on the file; `extra_env`
    adds settings the target reads (stress_fuzzer's thread count)."""
    command = [executable, os.path.abspath(path)] + targets.standard_flags(target)
    env = dict(os.environ, GCFUZZ_PLANT=plant, **(extra_env or {}))
    env.update(module_plan.env_for(path))  # a module finding runs with its plan
    # A replay is read by a person: full allocation and free stacks (the binaries default
    # to 8 frames while fuzzing, host/sanitizer_options.cc). The user's own settings win.
    env["ASAN_OPTIONS"] = ":".join(filter(None, [FULL_STACKS, env.get("ASAN_OPTIONS")]))
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, errors="replace", env=env, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as expired:
        output = expired.output or ""
        if isinstance(output, bytes):
            output = output.decode(errors="replace")
        return -1, output + "\nERROR: libFuzzer: timeout (gcfuzz replay: over %d s)\n" % RUN_TIMEOUT
    return result.returncode, result.stdout


def replay(executable, target, path, plant, runs, jobs=None):
    """[(exit status, output, Signature or None)] for `runs` independent processes."""
    jobs = jobs or os.cpu_count() or 2

    def one(_):
        status, output = run_once(executable, target, path, plant)
        return status, output, signature.of_output(output) if status != 0 else None

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, range(runs)))


def describe_file(tool, path):
    """program_tool.describe(), as a one-line SetupError on failure."""
    return program_tool.describe(tool, path)
