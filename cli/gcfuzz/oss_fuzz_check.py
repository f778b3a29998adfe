"""The checks OSS-Fuzz runs on a build, emulated on an $OUT (./gcfuzz oss-fuzz):

- bad_build_check (infra/base-images/base-runner): the target runs `-seed=1337 -runs=4` to
  "Done 4 runs", loads at least 100 coverage edges, and its sanitizer is really in the
  binary (at least 1,000 calls into ASan's runtime in an ASan build, 250 into UBSan's in a
  UBSan build, counted in its disassembly);
- reproduce: a regression input (corpus/regressions/), with its defect armed through the
  target's environment (GCFUZZ_PLANT), must end in that finding; OSS-Fuzz runs it once with
  `-runs=100`, which stops at the first crash, so here it is replayed 100 times, each in
  a process of its own, and every replay must reproduce it.

Each run sees only $OUT, as on a runner: a clean environment (`env -i`, plus the runner's
sanitizer options merged with the target's .options), an empty working directory, and, in
a private mount namespace, this checkout (sources, build trees, work/) and the system's own
libpython and standard library hidden under empty mounts, $OUT being mounted elsewhere. Where
mount namespaces are not permitted (an unprivileged container), the runs use a copy of $OUT
outside the checkout and say that nothing was hidden.
"""
import os
import re
import shlex
import shutil
import subprocess
import tempfile

from . import defects, paths

MIN_EDGES = 100
MIN_SANITIZER_CALLS = {"address": ("__asan", 1000), "undefined": ("__ubsan", 250)}
_CALL = re.compile(r"\bcall[q]?\s+[0-9a-f]+\s+<(__asan|__ubsan)")
_COVERAGE = re.compile(r"^#\d+\s+(?:INITED|DONE|NEW|pulse|REDUCE)\s+cov: (\d+)", re.M)


def _merged(defaults, extra):
    options = dict(item.split("=", 1) for item in defaults.split(":") if item)
    options.update(extra)
    return ":".join("%s=%s" % item for item in options.items())


def run_environment(sanitizer, options, runner_options):
    """The target's environment on a runner: the runner's sanitizer options with the
    .options sections merged over them."""
    env = {}
    for section, variable in (("asan", "ASAN_OPTIONS"), ("ubsan", "UBSAN_OPTIONS")):
        defaults = runner_options.get(variable, "")
        if defaults or options.get(section):
            env[variable] = _merged(defaults, options.get(section, {}))
    return env


def sanitizer_calls(binary, sanitizer):
    """(calls into the sanitizer's runtime, the threshold), from objdump's disassembly."""
    prefix, threshold = MIN_SANITIZER_CALLS[sanitizer]
    result = subprocess.run(["objdump", "-d", binary], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    return sum(1 for m in _CALL.finditer(result.stdout) if m.group(1) == prefix), threshold


def regression_for(target, sanitizer, python_version):
    """(defect id, input path) of a regression the target hunts and this build can flag: an
    ASan build any, another only those whose signal needs no ASan. None without one."""
    for defect in defects.catalog():
        if defect.target != target or not defects.exists_on(defect, python_version):
            continue
        if sanitizer != "address" and "ASan" in defect.signal:
            continue
        path = os.path.join(paths.ROOT, "corpus", "regressions", defect.id, defect.id + ".gcfz")
        if os.path.exists(path):
            return defect.id, path
    return None


class Sandbox:
    """Runs a target of $OUT as a runner would (see the module's docstring)."""

    def __init__(self, out, hide):
        self.out = os.path.realpath(out)
        self._scratch = tempfile.mkdtemp(prefix="gcfuzz-oss-fuzz-run-")
        self.hidden = hide and subprocess.run(["unshare", "-m", "true"],
                                              stderr=subprocess.DEVNULL).returncode == 0
        if self.hidden:
            self.mounted_out = os.path.join(self._scratch, "out")
            os.makedirs(self.mounted_out)
        else:
            self.mounted_out = os.path.join(self._scratch, "out-copy")
            shutil.copytree(self.out, self.mounted_out, symlinks=True)

    def close(self):
        shutil.rmtree(self._scratch, ignore_errors=True)

    def _hide_script(self, system_runtime):
        lines = ["set -e", "mount --make-rprivate /",
                 "mount --bind %s %s" % (shlex.quote(self.out), shlex.quote(self.mounted_out)),
                 "mount -t tmpfs gcfuzz-hidden %s" % shlex.quote(paths.ROOT)]
        for path in system_runtime:
            if os.path.isdir(path):
                lines.append("mount -t tmpfs gcfuzz-hidden %s" % shlex.quote(path))
            elif os.path.exists(path):
                lines.append("mount --bind /dev/null %s" % shlex.quote(path))
        return lines

    def run(self, target, args, env, inputs=(), system_runtime=(), timeout=600, times=1):
        """[(exit status, output)] of `target args` run `times` times, one process each, in
        a fresh empty directory holding copies of `inputs` (passed by their base names in
        args); the status is None for a run that timed out."""
        work = tempfile.mkdtemp(prefix="cwd-", dir=self._scratch)
        for path in inputs:
            shutil.copy(path, work)
        command = ["env", "-i"] + ["%s=%s" % item for item in sorted(env.items())] + [
            os.path.join(self.mounted_out, target)] + args
        # Outputs go to files outside the working directory, which stays as a runner's.
        logs = tempfile.mkdtemp(prefix="logs-", dir=self._scratch)
        script = (self._hide_script(system_runtime) if self.hidden else []) + [
            "cd %s" % shlex.quote(work),
            "for i in $(seq %d); do" % times,
            "  rc=0; timeout %d %s > %s/$i.log 2>&1 || rc=$?; echo $rc > %s/$i.rc" % (
                timeout, shlex.join(command), shlex.quote(logs), shlex.quote(logs)),
            "done"]
        wrapper = (["unshare", "-m"] if self.hidden else []) + ["bash", "-c", "\n".join(script)]
        subprocess.run(wrapper, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results = []
        for i in range(1, times + 1):
            try:
                with open(os.path.join(logs, "%d.rc" % i)) as handle:
                    rc = int(handle.read().strip())
                with open(os.path.join(logs, "%d.log" % i), errors="replace") as handle:
                    output = handle.read()
            except (OSError, ValueError):
                rc, output = None, ""
            results.append((None if rc == 124 else rc, output))
        return results


def edges(output):
    found = [int(m.group(1)) for m in _COVERAGE.finditer(output)]
    return max(found) if found else 0

