"""The environment that makes a user's own build command produce an extension module that
gcfuzz can fuzz: clang, the harness's sanitizers, libFuzzer's coverage, and `python3` being
the interpreter the module is built for (./gcfuzz build-ext).

The flags match cmake/GcfuzzSanitizers.cmake, with two differences that let the same module
load in a fuzz target (ASan, UBSan and libFuzzer linked statically) and in a plain
interpreter with only the ASan runtime preloaded (./gcfuzz python):
  - coverage is libFuzzer's counters, PC table and comparison tracing, not all of
    -fsanitize=fuzzer-no-link: its stack-depth and indirect-call hooks add nothing module
    mode uses, and stack-depth's __sancov_lowest_stack is a thread-local that not every
    runtime defines;
  - nothing links a sanitizer runtime into the module: clang links none into a -shared
    object unless told to (-shared-libsan), as for the fixtures module, so the process's
    own runtime serves it.

C++ (pybind11 and the like) drops UBSan's vptr check, as OSS-Fuzz does: it needs the RTTI
of every class a pointer may point to, and reports casts across modules that are fine.

Rust (PyO3 through setuptools-rust, maturin or cargo): a stable rustc has no sanitizers
(-Zsanitizer is nightly only), so Rust code gets libFuzzer's coverage only, with the same
counters, PC table and comparison tracing as C (LLVM's sancov pass, as cargo-fuzz passes it),
through RUSTFLAGS. CARGO_BUILD_TARGET names the host, so that cargo applies RUSTFLAGS to the
module only and not to build scripts and procedural macros, which rustc itself loads and
which could not resolve the coverage runtime. The C the module calls into (the interpreter,
the fixtures) stays checked by ASan, and a Rust panic that aborts is a finding.
"""
import os
import shlex
import stat
import subprocess

SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all",
            # Python calls slots through casted function pointers (GcfuzzSanitizers.cmake).
            "-fno-sanitize=function"]
COVERAGE = ["-fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp"]
DEBUGGABLE = ["-g", "-O1", "-fno-omit-frame-pointer"]
COMPILE = SANITIZE + COVERAGE + DEBUGGABLE
LINK = ["-fsanitize=address,undefined"]
CXX_ONLY = ["-fno-sanitize=vptr"]
RUST_COVERAGE = ["-Cpasses=sancov-module",
                 "-Cllvm-args=-sanitizer-coverage-level=3",
                 "-Cllvm-args=-sanitizer-coverage-inline-8bit-counters",
                 "-Cllvm-args=-sanitizer-coverage-pc-table",
                 "-Cllvm-args=-sanitizer-coverage-trace-compares",
                 "-Cdebuginfo=1", "-Cforce-frame-pointers=yes"]


def _appended(environ, name, flags):
    """The user's own value of `name` first, ours after it (later flags win)."""
    own = environ.get(name, "").strip()
    return " ".join(([own] if own else []) + flags)


def write_python_shims(directory, executable):
    """`python3` and `python` in `directory` that run `executable`. Scripts, not symlinks:
    a virtual environment's interpreter finds its pyvenv.cfg only when run by its own path."""
    for name in ("python3", "python"):
        path = os.path.join(directory, name)
        with open(path, "w") as script:
            script.write("#!/bin/sh\nexec %s \"$@\"\n" % shlex.quote(executable))
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def environment(environ, executable, shim_directory):
    """`environ` plus what an instrumented build needs. PATH starts with the shims for
    `executable` (written by write_python_shims), then the interpreter's own bin directory
    when it is not on PATH yet, so its pip and cythonize are found too."""
    env = dict(environ)
    env.update({
        "CC": "clang",
        "CXX": "clang++",
        # setuptools links with LDSHARED (C) and LDCXXSHARED (C++), then appends
        # LDFLAGS and CFLAGS; CMake and make read CC, CXX, the *FLAGS and LDFLAGS.
        "LDSHARED": "clang -shared",
        "LDCXXSHARED": "clang++ -shared",
        "CFLAGS": _appended(environ, "CFLAGS", COMPILE),
        "CXXFLAGS": _appended(environ, "CXXFLAGS", COMPILE + CXX_ONLY),
        "LDFLAGS": _appended(environ, "LDFLAGS", LINK),
        "PYTHON": executable,
        "RUSTFLAGS": _appended(environ, "RUSTFLAGS", RUST_COVERAGE),
        # PyO3's build script asks this interpreter what to build for.
        "PYO3_PYTHON": executable,
    })
    path = environ.get("PATH", os.defpath).split(os.pathsep)
    front = [shim_directory]
    bin_directory = os.path.dirname(executable)
    if bin_directory not in path:
        front.append(bin_directory)
    env["PATH"] = os.pathsep.join(front + path)
    if not env.get("CARGO_BUILD_TARGET"):
        host = rust_host(env["PATH"])
        if host:
            env["CARGO_BUILD_TARGET"] = host
    return env


def rust_host(search_path):
    """The host triple of the rustc on `search_path` (`rustc -vV`), or None without one."""
    try:
        result = subprocess.run(["rustc", "-vV"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True,
                                env=dict(os.environ, PATH=search_path))
    except OSError:
        return None
    for line in result.stdout.splitlines():
        if line.startswith("host: "):
            return line.split(None, 1)[1].strip()
    return None
