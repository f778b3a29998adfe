"""./gcfuzz oss-fuzz [--out DIR] [--sanitizer address|undefined] [--targets T,...]
[--build-script FILE]: what OSS-Fuzz's `helper.py build_fuzzers`, `check_build` and
`reproduce` would do, without Docker. It runs oss-fuzz/build.sh (or an extension project's
build script made from oss-fuzz/module/build.sh) with the environment OSS-Fuzz sets for the
sanitizer (oss_fuzz_env.py), then checks every fuzz target in $OUT as the platform does,
with the runtime taken only from $OUT (oss_fuzz_check.py), and prints a pass/fail table;
the exit status is non-zero when a check failed.
"""
import os
import shutil
import subprocess
import sys

from .. import findings, interpreters, oss_fuzz_check, oss_fuzz_env, packages, paths, targets
from ..arguments import add_python_option
from ..errors import SetupError, UsageError

NAME = "oss-fuzz"
SUMMARY = ("build the fuzz targets with oss-fuzz/build.sh as OSS-Fuzz would and run its "
           "checks on $OUT (4 runs, coverage, sanitizer, a regression replayed), no Docker")

DEFAULT_TARGETS = ["graph_fuzzer", "threads_fuzzer", "lifecycle_fuzzer"]
REPLAYS = 100  # a regression input's replays, one process each


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("--out", metavar="DIR",
                        help="$OUT (default: work/oss-fuzz/<sanitizer>/out); emptied first")
    parser.add_argument("--sanitizer", default="address", choices=oss_fuzz_env.SANITIZERS,
                        help="the build's sanitizer (default: address)")
    parser.add_argument("--targets", metavar="T,...",
                        help="build and check only these (default: %s)"
                             % ",".join(DEFAULT_TARGETS))
    parser.add_argument("--build-script", metavar="FILE",
                        help="an extension project's build script instead of gcfuzz's own "
                             "(e.g. examples/c_pairs/oss-fuzz-build.sh, made from "
                             "oss-fuzz/module/build.sh)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="add this to build.sh's environment, which is otherwise only "
                             "what OSS-Fuzz sets (e.g. --env PAIRS_DEFECT=1 for an example's "
                             "defective build); repeatable")


def _targets(option):
    if not option:
        return list(DEFAULT_TARGETS)
    chosen = [t for t in option.split(",") if t]
    unknown = [t for t in chosen if t not in DEFAULT_TARGETS]
    if unknown or not chosen:
        raise UsageError("--targets: %s: expected some of %s"
                         % (",".join(unknown) or "nothing", ",".join(DEFAULT_TARGETS)))
    return chosen


def _system_runtime(executable):
    """The interpreter's own libpython and standard library: hidden from the checks."""
    result = subprocess.run(
        [executable, "-c", "import sysconfig, os; v = sysconfig.get_config_var; "
         "print(os.path.join(v('LIBDIR'), v('INSTSONAME'))); "
         "print(sysconfig.get_paths()['stdlib'])"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return [os.path.realpath(p) for p in result.stdout.split()] if result.returncode == 0 else []


def fuzz_targets(out):
    """The executables in $OUT that are fuzz targets, as OSS-Fuzz finds them."""
    found = []
    for name in sorted(os.listdir(out)):
        path = os.path.join(out, name)
        if not os.path.isfile(path) or not os.access(path, os.X_OK):
            continue
        with open(path, "rb") as handle:
            if b"LLVMFuzzerTestOneInput" in handle.read():
                found.append(name)
    return found


def build(sanitizer, executable, out, work, names, script, extra_env):
    src = os.path.join(os.path.dirname(work), "src")
    os.makedirs(src, exist_ok=True)
    link = os.path.join(src, "gcfuzz")
    if not os.path.islink(link):
        os.symlink(paths.ROOT, link)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    os.makedirs(work, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": os.environ.get("HOME", "/root"),
           "GCFUZZ_PYTHON": executable, "GCFUZZ_TARGETS": " ".join(names)}
    env.update(oss_fuzz_env.build_environment(sanitizer, src, out, work))
    env.update(extra_env)
    print("gcfuzz: oss-fuzz: running %s (SANITIZER=%s, OUT=%s)"
          % (paths.relative(script), sanitizer, paths.relative(out)), file=sys.stderr,
          flush=True)
    result = subprocess.run(["bash", script], env=env)
    if result.returncode != 0:
        raise SetupError("oss-fuzz: %s exited with status %d"
                         % (paths.relative(script), result.returncode))


def check(target, sanitizer, out, sandbox, version, system_runtime):
    """One row of the table: {column: text}, and whether every check passed."""
    options = targets.read_options(os.path.join(out, target + ".options"))
    variable, defaults = oss_fuzz_env.RUNNER_OPTIONS[sanitizer]
    env = oss_fuzz_check.run_environment(sanitizer, options, {variable: defaults})
    flags = targets.libfuzzer_flags(options)
    if os.path.exists(os.path.join(out, target + ".dict")):
        flags.append("-dict=%s" % os.path.join(sandbox.mounted_out, target + ".dict"))
    row, ok = {"target": target}, True

    [(rc, output)] = sandbox.run(target, ["-seed=1337", "-runs=4"] + flags, env,
                                 system_runtime=system_runtime)
    started = rc == 0 and "Done 4 runs" in output
    row["4 runs"] = "ok" if started else "FAILED (exit %s)" % rc
    ok &= started
    if not started:
        row["detail"] = output.strip().splitlines()[-1] if output.strip() else ""
    loaded = oss_fuzz_check.edges(output)
    row["edges"] = "%d%s" % (loaded, "" if loaded >= oss_fuzz_check.MIN_EDGES else " FAILED")
    ok &= loaded >= oss_fuzz_check.MIN_EDGES

    calls, threshold = oss_fuzz_check.sanitizer_calls(os.path.join(out, target), sanitizer)
    row["sanitizer calls"] = "{:,}{}".format(calls, "" if calls >= threshold else
                                             " FAILED (< {:,})".format(threshold))
    ok &= calls >= threshold

    regression = oss_fuzz_check.regression_for(target, sanitizer, version)
    if regression is None:
        row["regression"] = "none"
    else:
        bug_id, path = regression
        armed = dict(env, GCFUZZ_PLANT=bug_id)
        replays = sandbox.run(target, ["-runs=1"] + flags + [os.path.basename(path)], armed,
                              inputs=[path], system_runtime=system_runtime, times=REPLAYS)
        reproduced, other = 0, None
        for rc, output in replays:
            finding = findings.classify(output)
            if rc not in (0, None) and finding is not None and finding.bug_class == bug_id:
                reproduced += 1
            elif other is None:
                other = finding.oracle if finding else "no finding, exit %s" % rc
        row["regression"] = "%s: %d/%d reproduced%s" % (
            bug_id, reproduced, REPLAYS, "" if other is None else " FAILED (%s)" % other)
        ok &= reproduced == REPLAYS
    row["result"] = "pass" if ok else "FAIL"
    return row, ok


def print_table(rows, hidden, sanitizer):
    columns = ["target", "4 runs", "edges", "sanitizer calls", "regression", "result"]
    print("\n==== gcfuzz oss-fuzz: %s build, checks as OSS-Fuzz runs them ====" % sanitizer)
    print("| %s |" % " | ".join(columns))
    print("|%s|" % "|".join("---" for _ in columns))
    for row in rows:
        print("| %s |" % " | ".join(row.get(c, "") for c in columns))
        if row.get("detail"):
            print("  %s: %s" % (row["target"], row["detail"]))
    print("runtime: only $OUT (env -i, an empty working directory; %s)" % (
        "the checkout, its build trees and the system's libpython and standard library "
        "hidden in a private mount namespace" if hidden else
        "a copy of $OUT outside the checkout: mount namespaces are not permitted here, so "
        "nothing else was hidden"))


def run(args):
    chosen = _targets(args.targets)
    script = os.path.abspath(args.build_script) if args.build_script else os.path.join(
        paths.ROOT, "oss-fuzz", "build.sh")
    if not os.path.isfile(script):
        raise UsageError("--build-script: %s: no such file" % args.build_script)
    extra_env = {}
    for item in args.env:
        name, equals, value = item.partition("=")
        if not equals or not name:
            raise UsageError("--env %s: expected NAME=VALUE" % item)
        extra_env[name] = value
    packages.ensure("build", "oss-fuzz")
    interpreter = interpreters.resolve(args.python)
    base = os.path.join(paths.ROOT, "work", "oss-fuzz", args.sanitizer)
    out = os.path.abspath(args.out) if args.out else os.path.join(base, "out")
    work = os.path.join(base, "work")
    build(args.sanitizer, interpreter.executable, out, work, chosen, script, extra_env)
    if args.build_script:
        chosen = fuzz_targets(out)
        if not chosen:
            raise SetupError("oss-fuzz: %s put no fuzz target in %s"
                             % (paths.relative(script), paths.relative(out)))
    sandbox = oss_fuzz_check.Sandbox(out, hide=True)
    try:
        system_runtime = _system_runtime(interpreter.executable)
        rows, passed = [], True
        for target in chosen:
            row, ok = check(target, args.sanitizer, out, sandbox, interpreter.version,
                            system_runtime)
            rows.append(row)
            passed &= ok
        print_table(rows, sandbox.hidden, args.sanitizer)
    finally:
        sandbox.close()
    return 0 if passed else 1
