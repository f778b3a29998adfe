"""Describes the CPython running this script, for the build and for the gcfuzz CLI.

Kept free of modern syntax on purpose: an old interpreter (2.7, 3.6) must be able to
run it far enough to be told, in one line, that it is too old.

  --json   one JSON object (for the CLI)
  --cmake  set() lines (for cmake/GcfuzzPython.cmake)
"""
import json
import os
import sys
import sysconfig

MINIMUM = (3, 8)


def describe():
    cfg = sysconfig.get_config_var
    version = "%d.%d" % sys.version_info[:2]
    libdir = cfg("LIBDIR") or ""
    ldlibrary = cfg("LDLIBRARY") or ""
    library = os.path.join(libdir, ldlibrary)
    multiarch = cfg("MULTIARCH") or ""
    if not os.path.exists(library) and multiarch:
        library = os.path.join(libdir, multiarch, ldlibrary)
    include = sysconfig.get_paths().get("include") or cfg("INCLUDEPY") or ""
    return {
        "executable": os.path.realpath(sys.executable),
        "version": version,
        "full_version": sys.version.split()[0],
        "implementation": sys.implementation.name if hasattr(sys, "implementation") else "cpython",
        "debug": bool(cfg("Py_DEBUG")),
        "shared": bool(cfg("Py_ENABLE_SHARED")) or ldlibrary.endswith(".so"),
        "library": library,
        "include_dir": include,
        "ext_suffix": cfg("EXT_SUFFIX") or ".so",
    }


def problem(info):
    if info["implementation"] != "cpython":
        return "%s is %s, not CPython" % (info["executable"], info["implementation"])
    if sys.version_info[:2] < MINIMUM:
        return "%s is Python %s; gcfuzz needs CPython 3.8 or newer" % (
            info["executable"], info["full_version"])
    if not info["shared"] or not os.path.exists(info["library"]):
        return "%s has no shared libpython (looked for %s); rebuild it with --enable-shared" % (
            info["executable"], info["library"])
    if not os.path.exists(os.path.join(info["include_dir"], "Python.h")):
        return "%s has no headers (no Python.h in %s); install its -dev package" % (
            info["executable"], info["include_dir"])
    return None


def main(argv):
    info = describe()
    why = problem(info)
    if "--cmake" in argv:
        if why:
            sys.stderr.write(why + "\n")
            return 1
        for key, name in (("executable", "EXECUTABLE"), ("version", "VERSION"),
                          ("full_version", "FULL_VERSION"), ("library", "LIBRARY"),
                          ("include_dir", "INCLUDE_DIR"), ("ext_suffix", "EXT_SUFFIX")):
            print('set(GCFUZZ_PYTHON_%s "%s")' % (name, info[key]))
        print('set(GCFUZZ_PYTHON_DEBUG %s)' % ("ON" if info["debug"] else "OFF"))
        return 0
    info["problem"] = why
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
