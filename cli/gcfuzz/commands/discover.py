"""./gcfuzz discover NAME: what an extension module offers for graphs, found by trying.

Discovery runs in children of the chosen interpreter (any CPython 3.6+: it needs no build
and no shared libpython), each trial bounded by --timeout. A trial that crashes or hangs
is a finding: its reproducer is saved under work/discover/NAME/ and the exit status is 1.
"""
import json
import os
import sys

from .. import build, interpreters, paths, preloaded_python
from ..arguments import add_python_option, positive_seconds
from ..discovery import adapter as adapter_file
from ..discovery import explore, render
from ..errors import SetupError

NAME = "discover"
SUMMARY = ("find an extension module's classes and how graphs are built from them "
           "(construction, methods, attributes, containers, flags)")


def add_arguments(parser):
    parser.add_argument("module", metavar="NAME", help="the module to import (a.b for a submodule)")
    parser.add_argument("--path", metavar="DIR",
                        help="put DIR first on the interpreter's sys.path")
    parser.add_argument("--adapter", metavar="FILE",
                        help="what discovery cannot guess: FACTORIES, SKIP, RELEASING, SETUP")
    parser.add_argument("--write", metavar="FILE",
                        help="write the discovery out as an adapter file to edit")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--timeout", metavar="S", type=positive_seconds, default=3.0,
                        help="seconds one trial may take before it counts as a hang (3)")
    add_python_option(parser)


def sanitizer_environment(python):
    """The ASan runtime preloaded, as fuzz --module discovers, when this interpreter has a
    build: a module built by ./gcfuzz build-ext imports only with it. None (this process's
    environment) when there is no build yet: discovery itself needs none."""
    try:
        directory = build.build_dir(interpreters.resolve(python), "fuzz")
        return preloaded_python.environment(directory)
    except SetupError:
        return None


def run(args):
    path = None
    if args.path:
        if not os.path.isdir(args.path):
            raise SetupError("--path %s: no such directory" % args.path)
        path = os.path.abspath(args.path)
    adapter = None
    if args.adapter:
        adapter = os.path.abspath(args.adapter)
        adapter_file.check(adapter)
    # Not interpreters.resolve: that one also demands what embedding needs (3.8+, a
    # shared libpython, headers); discovery only runs the interpreter.
    executable = interpreters.locate(args.python)
    if not os.access(executable, os.X_OK):
        raise SetupError("--python %s: not an executable" % executable)
    progress = None
    if sys.stderr.isatty():
        def progress(text):
            print("gcfuzz: discover %s: %s" % (args.module, text), file=sys.stderr)
    report = explore.discover(executable, args.module, path=path, adapter=adapter,
                              timeout=args.timeout,
                              crash_dir=os.path.join(paths.WORK, "discover"), progress=progress,
                              env=sanitizer_environment(args.python))
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        sys.stdout.write(render.text(report, "CPython %s (%s)" % (report["python"],
                                                                  executable)))
    if args.write:
        adapter_file.write(report, args.write)
        print("wrote %s (pass it back with --adapter)" % paths.relative(args.write),
              file=sys.stderr if args.json else sys.stdout)
    return 1 if report["crashes"] else 0
