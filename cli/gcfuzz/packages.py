"""Installs the Debian packages a command needs, and only those that are missing.

Only Debian's archive is reachable from the machines gcfuzz runs on, so everything the
build needs comes from here: no pip, no downloads at build time.
"""
import os
import subprocess
import sys

from .errors import SetupError

# What each need costs in packages. A command asks for the needs it has.
NEEDS = {
    # Configure and build the sanitized fuzzers and the tests.
    "build": ["cmake", "ninja-build", "clang", "libclang-rt-14-dev", "libgtest-dev", "git",
              "llvm"],  # llvm: llvm-symbolizer, so sanitizer reports have symbols
    # The default interpreter: Debian's python3.11 with its headers and shared libpython.
    "python3.11": ["python3.11", "python3.11-dev", "libpython3.11-dev"],
    # --python debug: Debian's Py_DEBUG build.
    "python3.11-dbg": ["python3.11-dbg", "libpython3.11-dbg"],
    # ./gcfuzz build-ext: the compilers, and llvm-nm to check what they made.
    "build-ext": ["clang", "llvm"],
    # The example modules (examples/): setuptools for the C one, Cython for the Cython one,
    # pybind11's headers for the C++ one, and for the PyO3 one Debian's Rust toolchain,
    # setuptools-rust and the vendored PyO3 crates (.cargo/config.toml reads them offline).
    "examples": ["python3-setuptools", "cython3", "pybind11-dev", "cargo", "rustc",
                 "librust-pyo3-dev", "python3-setuptools-rust"],
    # ./gcfuzz oss-fuzz: build.sh zips the seed corpora; the checks disassemble the targets
    # (binutils' objdump) and hide trees in a mount namespace (util-linux's unshare).
    "oss-fuzz": ["zip", "binutils", "util-linux"],
    # ./gcfuzz bench
    "bench": ["libbenchmark-dev"],
    # ./gcfuzz repro --dot
    "graphviz": ["graphviz"],
}


def missing(packages):
    absent = []
    for package in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if result.returncode != 0 or "install ok installed" not in result.stdout:
            absent.append(package)
    return absent


def _apt_get(args):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return subprocess.run(["apt-get"] + args, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def ensure(*needs):
    """Installs what the given needs lack; a no-op (a few dpkg queries) when all is there."""
    wanted = []
    for need in needs:
        wanted.extend(p for p in NEEDS[need] if p not in wanted)
    absent = missing(wanted)
    if not absent:
        return
    if os.geteuid() != 0:
        raise SetupError("missing Debian packages %s; install them as root: apt-get install %s"
                         % (", ".join(absent), " ".join(absent)))
    print("gcfuzz: installing %s" % " ".join(absent), file=sys.stderr, flush=True)
    install = ["install", "-y", "-q", "--no-install-recommends"] + absent
    result = _apt_get(install)
    if result.returncode != 0:
        # A fresh machine has no package lists yet.
        _apt_get(["update", "-q"])
        result = _apt_get(install)
    if result.returncode != 0:
        last = result.stdout.strip().splitlines()[-1:] or ["(no output)"]
        raise SetupError("apt-get install %s failed: %s" % (" ".join(absent), last[0]))
