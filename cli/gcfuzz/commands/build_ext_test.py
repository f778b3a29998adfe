"""./gcfuzz build-ext through main(): a tiny C extension built with setuptools comes out
instrumented and is reported with its name and --path; the user's CFLAGS are kept; bad
input is one line and a non-zero exit. The interpreter is the default one (Debian's)."""
import contextlib
import io
import os
import subprocess
import tempfile
import textwrap
import unittest

from gcfuzz import main

SETUP = """\
from setuptools import Extension, setup
setup(name="tiny", ext_modules=[Extension("tiny", ["tiny.c"])])
"""

TINY = """\
#include <Python.h>
#ifndef USER_FLAG_SEEN
#error build-ext dropped the CFLAGS of the user
#endif
static PyObject *shift(PyObject *self, PyObject *args)
{
    int a, b;
    if (!PyArg_ParseTuple(args, "ii", &a, &b)) return NULL;
    return PyLong_FromLong(a << b); /* UBSan checks the shift (not overflow: -fwrapv) */
}
static PyMethodDef methods[] = {{"shift", shift, METH_VARARGS, NULL}, {NULL}};
static struct PyModuleDef tiny = {PyModuleDef_HEAD_INIT, "tiny", NULL, -1, methods};
PyMODINIT_FUNC PyInit_tiny(void) { return PyModule_Create(&tiny); }
"""


@contextlib.contextmanager
def working_directory(path):
    start = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(start)


def run(argv, cwd, environ=None):
    """main(argv) in `cwd`; the build command's own output goes to a pipe through fd 1/2."""
    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.update(environ or {})
    try:
        with working_directory(cwd), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            code = main.main(argv)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, out.getvalue(), err.getvalue()


class BuildExtCommandTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.root = os.path.realpath(self.directory.name)

    def write(self, name, text):
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(text))
        return path

    def assertOneLineError(self, argv, code, expected):
        rc, out, err = run(argv, self.root)
        self.assertEqual(rc, code, err)
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertTrue(err.startswith("gcfuzz: error: "), err)
        self.assertIn(expected, err)

    def test_setuptools_extension_is_instrumented_and_located(self):
        self.write("package/setup.py", SETUP)
        self.write("package/tiny.c", TINY)
        rc, out, err = run(["build-ext", "--", "python3", "setup.py", "-q", "build_ext",
                            "--inplace"], os.path.join(self.root, "package"),
                           {"CFLAGS": "-DUSER_FLAG_SEEN"})
        self.assertEqual(rc, 0, err)
        # setuptools puts the module in build/lib.* and copies it beside the sources.
        self.assertRegex(out, r"(?m)^tiny: tiny\.cpython-\S+\.so$")
        self.assertRegex(out, r"(?m)^tiny: build/lib\.\S+/tiny\.cpython-\S+\.so$")
        self.assertIn("\n  instrumented: ASan, UBSan, coverage\n", out)
        self.assertIn("\n  fuzz it with: ./gcfuzz fuzz --module tiny --path %s\n"
                      % os.path.join(self.root, "package"), out)

    @unittest.skipIf(subprocess.run(["/usr/bin/python3.11", "-m", "pip", "--version"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                                    ).returncode, "no pip for /usr/bin/python3.11")
    def test_pip_install_is_found_in_site_packages(self):
        self.write("package/setup.py", SETUP)
        self.write("package/tiny.c", TINY)
        home = os.path.join(self.root, "home")  # pip --user installs under $HOME
        rc, out, err = run(["build-ext", "--", "python3", "-m", "pip", "install", "-q",
                            "--user", "--break-system-packages", "--no-build-isolation", "."],
                           os.path.join(self.root, "package"),
                           {"CFLAGS": "-DUSER_FLAG_SEEN", "HOME": home})
        self.assertEqual(rc, 0, err)
        site = os.path.join(home, ".local", "lib", "python3.11", "site-packages")
        self.assertIn("  fuzz it with: ./gcfuzz fuzz --module tiny --path %s\n" % site, out)

    def test_module_in_a_package_is_named_by_its_package(self):
        self.write("tree/pkg/__init__.py", "")
        self.write("tree/pkg/build.sh", """\
            #!/bin/sh
            # An extension built without setuptools, by the compiler build-ext chose.
            cat > tiny.c <<'EOF'
            #include <Python.h>
            static struct PyModuleDef tiny = {PyModuleDef_HEAD_INIT, "pkg.tiny", NULL, -1, NULL};
            PyMODINIT_FUNC PyInit_tiny(void) { return PyModule_Create(&tiny); }
            EOF
            $CC $CFLAGS -fPIC -I"$($PYTHON -c 'import sysconfig; print(sysconfig.get_paths()["include"])')" \\
                -c tiny.c -o tiny.o && \
                $LDSHARED $LDFLAGS tiny.o -o "tiny$($PYTHON -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"
            """)
        rc, out, err = run(["build-ext", "--", "sh", "build.sh"],
                           os.path.join(self.root, "tree", "pkg"))
        self.assertEqual(rc, 0, err)
        self.assertIn("  instrumented: ASan, coverage (no UBSan checks: none in this code)\n", out)
        self.assertIn("  fuzz it with: ./gcfuzz fuzz --module pkg.tiny --path %s\n"
                      % os.path.join(self.root, "tree"), out)

    def test_uninstrumented_module_is_an_error(self):
        self.write("plain/setup.py", SETUP)
        self.write("plain/tiny.c", TINY)
        # A build that overrides the compiler and flags build-ext set.
        command = ("CC=gcc LDSHARED='gcc -shared' CFLAGS=-DUSER_FLAG_SEEN LDFLAGS= "
                   "python3 setup.py -q build_ext --inplace")
        rc, out, err = run(["build-ext", "--", "sh", "-c", command],
                           os.path.join(self.root, "plain"))
        self.assertEqual(rc, 3, err)
        self.assertIn("  NOT instrumented: no ASan, no coverage\n", out)
        self.assertIn("gcfuzz: error: build-ext: 2 of 2 extension modules are not instrumented",
                      err)

    def test_python3_in_the_command_is_the_chosen_interpreter(self):
        rc, out, err = run(["build-ext", "--", "sh", "-c",
                            "python3 -c 'import sys; print(sys.executable)' > which.txt"],
                           self.root)
        self.assertEqual(rc, 0, err)
        with open(os.path.join(self.root, "which.txt")) as handle:
            self.assertEqual(handle.read().strip(), "/usr/bin/python3.11")
        self.assertIn("made or changed no extension module", err)

    def test_no_command(self):
        self.assertOneLineError(["build-ext"], 2, "no build command")

    def test_command_not_found(self):
        self.assertOneLineError(["build-ext", "--", "no-such-build-tool", "x"], 3,
                                "no-such-build-tool: no such command")

    def test_failing_command_passes_its_status_on(self):
        rc, out, err = run(["build-ext", "--", "sh", "-c", "exit 5"], self.root)
        self.assertEqual(rc, 5)
        self.assertEqual(err.strip().splitlines()[-1],
                         "gcfuzz: error: build-ext: sh -c 'exit 5' exited with status 5")


if __name__ == "__main__":
    unittest.main()
