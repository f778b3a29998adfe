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
"""
import os
import shlex
import stat

SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all",
            # Python calls slots through casted function pointers (GcfuzzSanitizers.cmake).
            "-fno-sanitize=function"]
COVERAGE = ["-fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp"]
DEBUGGABLE = ["-g", "-O1", "-fno-omit-frame-pointer"]
COMPILE = SANITIZE + COVERAGE + DEBUGGABLE
LINK = ["-fsanitize=address,undefined"]


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
        "CXXFLAGS": _appended(environ, "CXXFLAGS", COMPILE),
        "LDFLAGS": _appended(environ, "LDFLAGS", LINK),
        "PYTHON": executable,
    })
    path = environ.get("PATH", os.defpath).split(os.pathsep)
    front = [shim_directory]
    bin_directory = os.path.dirname(executable)
    if bin_directory not in path:
        front.append(bin_directory)
    env["PATH"] = os.pathsep.join(front + path)
    return env
