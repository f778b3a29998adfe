"""Which CPython to embed: `--python X`.

X is one of:
  (nothing)      Debian's python3.11, /usr/bin/python3.11
  debug          Debian's Py_DEBUG build, /usr/bin/python3.11-dbg (installed on demand)
  a path         any CPython 3.8+ executable with a shared libpython and headers
  a name         looked up on PATH (python3.12), then among pyenv's versions (3.12, 3.12.1)
  all            every usable interpreter found (for commands that take several)
The interpreter describes itself (python_probe.py); nothing about versions is assumed here.
"""
import glob
import hashlib
import json
import os
import shutil
import subprocess

from . import packages, paths
from .errors import SetupError, UsageError

DEFAULT = "/usr/bin/python3.11"
DEBUG = "/usr/bin/python3.11-dbg"


class Interpreter:
    def __init__(self, info):
        self.executable = info["executable"]
        self.version = info["version"]
        self.full_version = info["full_version"]
        self.debug = info["debug"]
        self.library = info["library"]
        self.include_dir = info["include_dir"]

    @property
    def tag(self):
        """Names this interpreter's build directories: readable, and unique per executable."""
        digest = hashlib.sha1(self.executable.encode()).hexdigest()[:6]
        return "cp%s%s-%s" % (self.version.replace(".", ""), "d" if self.debug else "", digest)

    def describe(self):
        return "CPython %s%s (%s)" % (self.full_version, " debug" if self.debug else "",
                                      self.executable)


def pyenv_root():
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    return root if os.path.isdir(os.path.join(root, "versions")) else None


def pyenv_candidates(name):
    """Executables of the pyenv versions that `name` (3.12, 3.12.1, python3.12) names."""
    root = pyenv_root()
    if root is None:
        return []
    version = name[len("python"):] if name.startswith("python") else name
    found = []
    for directory in sorted(glob.glob(os.path.join(root, "versions", "*"))):
        base = os.path.basename(directory)
        if not version or base == version or base.startswith(version + "."):
            for program in ("python3", "python"):
                executable = os.path.join(directory, "bin", program)
                if os.access(executable, os.X_OK):
                    found.append(executable)
                    break
    return found


def probe(executable):
    try:
        result = subprocess.run([executable, "-E", "-s", paths.PROBE, "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                timeout=60)
    except OSError as error:
        raise SetupError("cannot run %s: %s" % (executable, error.strerror))
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise SetupError("%s is not a usable CPython: %s" % (executable, last))
    info = json.loads(result.stdout)
    if info.get("problem"):
        raise SetupError(info["problem"])
    return Interpreter(info)


def locate(spec):
    """The executable `--python spec` names, not yet probed: any CPython, for what runs a
    plain interpreter only (discover); resolve() also checks it can be embedded."""
    if spec in (None, "", "default"):
        packages.ensure("python3.11")
        return DEFAULT
    if spec == "debug":
        packages.ensure("python3.11-dbg")
        return DEBUG
    if os.sep in spec:
        if not os.path.exists(spec):
            raise SetupError("--python %s: no such file" % spec)
        return spec
    candidates = pyenv_candidates(spec)
    on_path = shutil.which(spec)
    # pyenv's shims are on PATH but only forward to the selected version; ask pyenv's
    # versions directly so `--python 3.12` and `--python python3.12` mean the same thing.
    if on_path and "/shims/" not in on_path:
        return on_path
    if candidates:
        return candidates[-1]
    if on_path:
        return on_path
    raise UsageError("--python %s: not a path, not on PATH, and no pyenv version of that name"
                     % spec)


def resolve(spec):
    """The Interpreter that `--python spec` names, or a one-line SetupError/UsageError."""
    return probe(locate(spec))


def all_usable():
    """Debian's python3.11 and every pyenv version that is a usable CPython 3.8+."""
    found, seen = [], set()
    executables = [DEFAULT] + [p for p in pyenv_candidates("") if p]
    for executable in executables:
        try:
            interpreter = probe(executable)
        except SetupError:
            continue
        if interpreter.executable not in seen:
            seen.add(interpreter.executable)
            found.append(interpreter)
    return found
