"""A plain interpreter that can import the ASan-built fixtures module (./gcfuzz python,
repro --script): the environment the build tree says it needs."""
import os

from .errors import SetupError


def environment(directory):
    """os.environ plus what the build tree says a plain interpreter needs to import the
    fixtures module (PYTHONPATH; for an ASan build the runtime preloaded, ASan's options and
    a symbolizer that does not inherit the preload): cmake/GcfuzzPreloadedPython.cmake
    writes it at configure time, and CTest's script tests use the same."""
    path = os.path.join(directory, "preloaded_python.env")
    try:
        with open(path) as lines:
            settings = [line.rstrip("\n").partition("=") for line in lines if "=" in line]
    except OSError as error:
        raise SetupError("cannot read %s (%s): configure the build again"
                         % (path, error.strerror))
    needed = {name: value for name, _, value in settings}
    if "LD_PRELOAD" in needed and not os.path.isfile(needed["LD_PRELOAD"]):
        raise SetupError("cannot find the ASan runtime %s" % needed["LD_PRELOAD"])
    return dict(os.environ, **needed)
