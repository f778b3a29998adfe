"""Which extension modules a build made, what to import them as, and whether they carry
the instrumentation gcfuzz needs (./gcfuzz build-ext)."""
import os
import subprocess

from .errors import SetupError

# Build systems' own caches and version control: never where a module is put for use.
_SKIPPED_DIRECTORIES = {".git", ".hg", ".svn", "__pycache__"}


def snapshot(root):
    """{path: (inode, size, mtime)} of every shared object under `root`."""
    found = {}
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if d not in _SKIPPED_DIRECTORIES]
        for name in files:
            if name.endswith(".so"):
                path = os.path.join(directory, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                found[path] = (status.st_ino, status.st_size, status.st_mtime_ns)
    return found


def changed(before, after):
    """The paths in `after` that are new or differ from `before`, sorted."""
    return sorted(path for path, state in after.items() if before.get(path) != state)


def import_location(path):
    """(module name, directory for sys.path) of the extension module file `path`: the
    package directories above it (those with an __init__.py) are part of its name."""
    directory, filename = os.path.split(os.path.abspath(path))
    parts = [filename.split(".", 1)[0]]
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, package = os.path.split(directory)
        parts.insert(0, package)
    return ".".join(parts), directory


def _dynamic_symbols(path):
    """(defined, undefined) names of the dynamic symbol table, by llvm-nm."""
    try:
        result = subprocess.run(["llvm-nm", "-D", path], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    except OSError as error:
        raise SetupError("cannot run llvm-nm: %s (apt-get install llvm)" % error.strerror)
    if result.returncode != 0:
        return None
    defined, undefined = set(), set()
    for line in result.stdout.splitlines():
        fields = line.split()
        if len(fields) == 2 and fields[0] in ("U", "w", "v"):
            undefined.add(fields[1])
        elif len(fields) == 3:
            defined.add(fields[2])
    return defined, undefined


def is_extension_module(path, symbols):
    name = os.path.basename(path).split(".", 1)[0]
    return "PyInit_" + name in symbols[0]


# What each instrumentation leaves in the module: calls into a runtime it does not define.
# ASan and coverage register every module with their runtime (__asan_init, the counters);
# UBSan shows only where the code has an operation it checks, so it is not required.
_INSTRUMENTATION = [
    ("ASan", lambda name: name == "__asan_init"),
    ("UBSan", lambda name: name.startswith("__ubsan_handle_")),
    ("coverage", lambda name: name == "__sanitizer_cov_8bit_counters_init"),
]
REQUIRED = ["ASan", "coverage"]
# A stable rustc cannot instrument Rust with ASan (instrumented_build.py).
REQUIRED_OF_RUST = ["coverage"]


def written_in_rust(path):
    """Whether rustc made the module: it carries Rust's unwinding personality (every Rust
    library links std's), a symbol no C or C++ toolchain defines."""
    try:
        result = subprocess.run(["llvm-nm", path], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return False
    return "rust_eh_personality" in result.stdout



def instrumentation(symbols):
    """The labels of _INSTRUMENTATION that the module's symbols show, in that order."""
    _, undefined = symbols
    return [label for label, shows in _INSTRUMENTATION if any(map(shows, undefined))]


def extension_modules(paths):
    """[(path, module name, sys.path directory, instrumentation labels)] for the files of
    `paths` that are CPython extension modules (they export PyInit_<name>)."""
    modules = []
    for path in paths:
        symbols = _dynamic_symbols(path)
        if symbols is None or not is_extension_module(path, symbols):
            continue
        name, directory = import_location(path)
        modules.append((path, name, directory, instrumentation(symbols)))
    return modules
