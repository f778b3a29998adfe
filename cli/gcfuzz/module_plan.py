"""Module mode: fuzzing a user's extension module instead of the fixture catalog.

    ./gcfuzz fuzz --module NAME [--path DIR] [--adapter FILE]

The CLI discovers the module first (discovery/: every trial in a child process, so a
constructor that crashes is a finding of discovery, never a fuzzer that dies at start),
then writes the plan the targets read: work/module/NAME/plan-HASH.json, with the module's
name, --path, --adapter and the discovery report (HASH of the path, adapter and interpreter:
two runs of one module built twice, say sound and defective, never share a plan). A target is in module mode when
GCFUZZ_MODULE_PLAN names a plan (embedding/module_shim.py reads it). A finding keeps a copy
of the plan beside it (FILE.module), so it replays alone.
"""
import hashlib
import json
import os
import re
import sys

from . import paths, preloaded_python, targets
from .discovery import adapter as adapter_file
from .discovery import explore
from .errors import SetupError, UsageError

PLAN_VARIABLE = "GCFUZZ_MODULE_PLAN"
SIDECAR = ".module"


def add_options(parser):
    parser.add_argument("--module", metavar="NAME",
                        help="fuzz this extension module's types instead of the fixture "
                             "catalog (see ./gcfuzz discover NAME)")
    parser.add_argument("--path", metavar="DIR",
                        help="with --module: put DIR first on the interpreter's sys.path")
    parser.add_argument("--adapter", metavar="FILE",
                        help="with --module: what discovery cannot guess (FACTORIES, SKIP, "
                             "RELEASING, SETUP; ./gcfuzz discover NAME --write FILE)")


def check_options(args):
    """Usage errors of --path/--adapter without --module, missing files."""
    if not args.module:
        for option in ("path", "adapter"):
            if getattr(args, option):
                raise UsageError("--%s needs --module NAME" % option)
        return
    if args.path and not os.path.isdir(args.path):
        raise SetupError("--path %s: no such directory" % args.path)
    if args.adapter:
        adapter_file.check(os.path.abspath(args.adapter))


class DiscoveryFinding(SetupError):
    """Discovery crashed or hung in a trial: a finding (exit 1), with its reproducer."""
    exit_code = 1


def folder(module):
    return os.path.join(paths.WORK, "module", module)


def work_dirs(module, target):
    """work/module/NAME/<target>/{corpus,findings}: a module's inputs are not the catalog's."""
    base = os.path.join(folder(module), target)
    corpus, findings = os.path.join(base, "corpus"), os.path.join(base, "findings")
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(findings, exist_ok=True)
    return corpus, findings


def prepare(args, interpreter, directory):
    """Discovers args.module (its children with the build `directory`'s ASan runtime
    preloaded, which a module built by build-ext needs) and writes its plan; returns the
    plan's path. A module that does not import or has no class is a one-line SetupError; a
    trial that crashed is a finding of discovery: its reproducer is saved, and this raises
    after saying where."""
    check_options(args)
    os.makedirs(folder(args.module), exist_ok=True)
    key = "\0".join([os.path.abspath(args.path) if args.path else "",
                     os.path.abspath(args.adapter) if args.adapter else "",
                     interpreter.executable])
    plan_path = os.path.join(folder(args.module),
                             "plan-%s.json" % hashlib.sha1(key.encode()).hexdigest()[:8])
    write_plan(plan_path, args.module, args.path, args.adapter, interpreter.executable,
               preloaded_python.environment(directory))
    return plan_path


def run_setup(args, interpreter, directory, target, plant):
    """What a run of `target` (fuzz, stress) works on: (plan or None, corpus, findings).
    With --module, the module's plan and work/module/NAME/<target>/; otherwise the
    catalog's work/<target>/."""
    if not args.module:
        check_options(args)
        return (None,) + targets.work_dirs(target)
    if plant:
        raise UsageError("--plant arms the catalog's defects; it has no meaning with --module")
    plan = prepare(args, interpreter, directory)
    return (plan,) + work_dirs(args.module, target)


def write_plan(plan_path, module, path, adapter, executable, discovery_env):
    path = os.path.abspath(path) if path else None
    adapter = os.path.abspath(adapter) if adapter else None
    progress = None
    if sys.stderr.isatty():
        def progress(text):
            print("gcfuzz: discover %s: %s" % (module, text), file=sys.stderr, flush=True)
    print("gcfuzz: discovering %s (./gcfuzz discover %s shows the whole report)"
          % (module, module), file=sys.stderr, flush=True)
    report = explore.discover(executable, module, path=path, adapter=adapter,
                              crash_dir=os.path.join(paths.WORK, "discover"),
                              progress=progress, env=discovery_env)
    if report["crashes"]:
        first = report["crashes"][0]
        raise DiscoveryFinding("discovery of %s crashed or hung in %d trial%s (a finding: %s); "
                               "./gcfuzz discover %s shows them; SKIP them in an adapter to "
                               "fuzz the rest" % (module, len(report["crashes"]),
                                                  "s" if len(report["crashes"]) > 1 else "",
                                                  _crash_file(first), module))
    with open(plan_path, "w", encoding="utf-8") as handle:
        json.dump({"module": module, "path": path, "adapter": adapter,
                   "discovery": report}, handle, indent=1)
    print("gcfuzz: %s" % summary(report), file=sys.stderr, flush=True)


def _crash_file(crash):
    """Its reproducer (saved when the trial that crashed is known), else the trial."""
    return paths.relative(crash["reproducer"]) if crash.get("reproducer") else crash["owner"]


def summary(report):
    classes = report["classes"]
    usable = [c for c in classes if c.get("maker") and not c.get("denied_class")
              and not c.get("exception")]
    return "%s: %d class%s, %d of them nodes of the graphs (%s)" % (
        report["module"], len(classes), "" if len(classes) == 1 else "es", len(usable),
        ", ".join(c["name"] for c in usable[:8]) + (", ..." if len(usable) > 8 else ""))


def save_beside(artifact, plan_path):
    """FILE.module: the plan the finding was found with, so it replays on its own."""
    if plan_path:
        with open(plan_path, encoding="utf-8") as source, \
                open(artifact + SIDECAR, "w", encoding="utf-8") as copy:
            copy.write(source.read())


def env_for(path):
    """The environment a replay of `path` needs: its plan, when it is a module finding."""
    sidecar = path + SIDECAR
    if os.path.isfile(sidecar):
        return {PLAN_VARIABLE: os.path.abspath(sidecar)}
    return {}


def module_of(path):
    """The module a finding file was found in, or None for a catalog finding."""
    sidecar = path + SIDECAR
    if not os.path.isfile(sidecar):
        return None
    try:
        with open(sidecar, encoding="utf-8") as handle:
            return json.load(handle)["module"]
    except (OSError, ValueError, KeyError):
        raise SetupError("%s: not a module plan" % sidecar)


def module_edges(output):
    """The coverage counters the module's shared objects brought, from libFuzzer's start-up
    line "Loaded N modules (T inline 8-bit counters): A [..), B [..), ...": every module
    after the target itself is one the target loaded (the user's extension). None when the
    line is missing."""
    for line in output.splitlines():
        if line.startswith("INFO: Loaded") and "inline 8-bit counters" in line:
            counts = [int(n) for n in re.findall(r"(\d+) \[0x[0-9a-f]+, ?0x[0-9a-f]+\)",
                                                 line.split("):", 1)[1])]
            return sum(counts[1:])
    return None


def announce_instrumentation(executable, module, env):
    """One line at start: how many edges the module brought, or that the fuzzer is blind
    inside it (built without coverage: every oracle that needs no sanitizer still works)."""
    import subprocess
    result = subprocess.run([executable, "-runs=0"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, errors="replace", env=env)
    edges = module_edges(result.stdout)
    if edges:
        print("gcfuzz: %s brought %d coverage edges" % (module, edges), file=sys.stderr,
              flush=True)
    elif edges == 0:
        print("gcfuzz: warning: %s is not coverage-instrumented: the fuzzer is blind inside "
              "it (./gcfuzz build-ext builds it with coverage and ASan); the leak, "
              "traverse-exactness and exception oracles and deadly signals still apply"
              % module, file=sys.stderr, flush=True)
    return edges


def main(argv):
    """python3 -m gcfuzz.module_plan NAME --out PLAN --python EXE [--build DIR] [--path DIR]
    [--adapter FILE]: writes a plan as fuzz --module does, for CTest's module-mode tests
    (the targets then run with GCFUZZ_MODULE_PLAN=PLAN) and oss-fuzz/module/build.sh.
    --build: discovery's children get that build tree's ASan runtime preloaded, which an
    instrumented module needs; without it they run as they are (an uninstrumented build)."""
    import argparse
    parser = argparse.ArgumentParser(prog="python3 -m gcfuzz.module_plan")
    parser.add_argument("module")
    parser.add_argument("--out", required=True)
    parser.add_argument("--python", required=True, help="the interpreter's executable")
    parser.add_argument("--build", help="the build tree (its preloaded env)")
    parser.add_argument("--path")
    parser.add_argument("--adapter")
    args = parser.parse_args(argv)
    try:
        write_plan(args.out, args.module, args.path, args.adapter, args.python,
                   preloaded_python.environment(args.build) if args.build else dict(os.environ))
    except SetupError as error:
        print("gcfuzz: error: %s" % error, file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
