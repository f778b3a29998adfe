"""./gcfuzz build-ext [--python X] -- COMMAND...: the user's own build command, run so the
extension modules it makes are checked by ASan and UBSan and coverage-instrumented for
libFuzzer, as module mode (./gcfuzz fuzz --module NAME --path DIR) needs.

The command runs in the current directory with CC, CXX, LDSHARED, LDCXXSHARED, CFLAGS,
CXXFLAGS and LDFLAGS set (the user's own *FLAGS kept, ours after them), and with `python3`,
`python` and $PYTHON being the chosen interpreter. Afterwards every extension module the
command created or changed, under the current directory or in the interpreter's
site-packages, is listed with the name and directory to fuzz it by, and whether it really is
instrumented. A build system that ignores those variables (a CMake build directory
configured before, a wheel pip had cached) makes an uninstrumented module: that is an error.
"""
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

from .. import extension_files, instrumented_build, interpreters, packages, paths
from ..arguments import add_python_option
from ..errors import SetupError, UsageError

NAME = "build-ext"
SUMMARY = ("run your extension module's build command (setup.py, pip, cythonize, cmake) "
           "with clang, ASan, UBSan and libFuzzer's coverage, and say where the module went")

_SITE_DIRECTORIES = ("import site, sysconfig; paths = sysconfig.get_paths(); "
                     "print(paths['platlib']); print(paths['purelib']); "
                     "print(site.getusersitepackages())")


def add_arguments(parser):
    add_python_option(parser)
    parser.add_argument("build_command", nargs="*", metavar="COMMAND",
                        help="the build command and its arguments, after -- "
                             "(e.g. -- python3 setup.py build_ext --inplace)")


def _site_directories(executable, cwd):
    """The interpreter's site-packages not under `cwd` (pip install puts modules there),
    whether they exist yet or not (pip --user may make the user's)."""
    result = subprocess.run([executable, "-c", _SITE_DIRECTORIES], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    found = []
    for line in result.stdout.splitlines() if result.returncode == 0 else []:
        directory = os.path.realpath(line)
        inside = os.path.commonpath([directory, cwd]) == cwd
        if not inside and directory not in found:
            found.append(directory)
    return found


def _run(command, env):
    if not shutil.which(command[0], path=env["PATH"]):
        raise SetupError("build-ext: %s: no such command" % command[0])
    print("gcfuzz: build-ext: running %s with clang, ASan, UBSan and coverage; python3 is %s"
          % (shlex.join(command), env["PYTHON"]), file=sys.stderr, flush=True)
    try:
        return subprocess.run(command, env=env).returncode
    except OSError as error:
        raise SetupError("build-ext: cannot run %s: %s" % (command[0], error.strerror))


def _failed(command, rc):
    """The one-line error of a failed command, and the exit status to pass on."""
    if rc < 0:
        what = "was killed by %s" % signal.Signals(-rc).name
        rc = 128 - rc
    else:
        what = "exited with status %d" % rc
    print("gcfuzz: error: build-ext: %s %s" % (shlex.join(command), what), file=sys.stderr)
    return rc


def _report(modules, python_option):
    """Prints each module; returns how many lack instrumentation module mode needs."""
    lacking = 0
    for path, name, directory, found in modules:
        rust = extension_files.written_in_rust(path)
        required = extension_files.REQUIRED_OF_RUST if rust else extension_files.REQUIRED
        missing = [label for label in required if label not in found]
        lacking += bool(missing)
        print("%s: %s" % (name, paths.relative(path)))
        if missing:
            print("  NOT instrumented: no %s%s" % (", no ".join(missing),
                                                   " (has %s)" % ", ".join(found) if found else ""))
        else:
            # UBSan leaves a trace only where the code has an operation it checks.
            if rust:
                note = " (Rust: no sanitizer on a stable rustc; the C it calls is checked)"
            elif "UBSan" in found:
                note = ""
            else:
                note = " (no UBSan checks: none in this code)"
            print("  instrumented: %s%s" % (", ".join(found), note))
        print("  fuzz it with: ./gcfuzz fuzz --module %s --path %s%s"
              % (name, directory, python_option))
    return lacking


def run(args):
    command = args.build_command
    if not command:
        raise UsageError("build-ext: no build command (e.g. ./gcfuzz build-ext -- "
                         "python3 setup.py build_ext --inplace)")
    packages.ensure("build-ext")
    interpreter = interpreters.resolve(args.python)
    cwd = os.path.realpath(os.getcwd())
    watched = [cwd] + _site_directories(interpreter.executable, cwd)
    before = {}
    for directory in watched:
        before.update(extension_files.snapshot(directory))
    with tempfile.TemporaryDirectory(prefix="gcfuzz-build-ext-") as shims:
        instrumented_build.write_python_shims(shims, interpreter.executable)
        env = instrumented_build.environment(os.environ, interpreter.executable, shims)
        rc = _run(command, env)
    if rc != 0:
        return _failed(command, rc)
    after = {}
    for directory in watched:
        after.update(extension_files.snapshot(directory))
    modules = extension_files.extension_modules(extension_files.changed(before, after))
    if not modules:
        print("gcfuzz: build-ext: the command made or changed no extension module under %s"
              " (was the build up to date?)" % paths.relative(cwd), file=sys.stderr)
        return 0
    python_option = " --python %s" % args.python if args.python else ""
    lacking = _report(modules, python_option)
    if lacking:
        raise SetupError("build-ext: %d of %d extension modules are not instrumented: the build"
                         " did not use CC/CFLAGS (a build directory configured before, or a"
                         " cached wheel?)" % (lacking, len(modules)))
    return 0
