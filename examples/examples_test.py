"""Both examples, both builds, as a user makes them: ./gcfuzz build-ext into a build
directory outside the source tree, then each example's reproduce_by_hand.py in a plain
interpreter with the ASan runtime preloaded. The sound builds import and pass; the defective
ones show their defect (pairs: traverse misses `second`, and the cycle leaks; session: a
sanitizer report in __dealloc__ during gc.collect(); boxes: the cycle leaks). The PyO3
example is built and fuzzed by the CTests of CMakeLists.txt only: its crates take minutes
to compile, once per build tree."""
import os
import shutil
import subprocess
import tempfile
import unittest

EXAMPLES = os.path.dirname(os.path.abspath(__file__))
GCFUZZ = os.path.join(os.path.dirname(EXAMPLES), "gcfuzz")
PYTHON = "/usr/bin/python3.11"  # build-ext's default interpreter


def asan_runtime():
    return subprocess.run(["clang", "-print-file-name=libclang_rt.asan-x86_64.so"],
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip()


def cython_missing():
    return subprocess.run([PYTHON, "-c", "import Cython"], stderr=subprocess.DEVNULL).returncode


class ExamplesTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)

    def build(self, example, defect_variable, defective):
        """Builds `example` into a fresh directory with ./gcfuzz build-ext; returns it."""
        build_dir = os.path.join(self.directory.name,
                                 "%s-%s" % (example, "defective" if defective else "sound"))
        os.makedirs(build_dir)
        env = dict(os.environ)
        env.pop(defect_variable, None)
        if defective:
            env[defect_variable] = "1"
        result = subprocess.run(
            [GCFUZZ, "build-ext", "--", "python3", os.path.join(EXAMPLES, example, "setup.py"),
             "-q", "build_ext", "--build-lib", ".", "--build-temp", "tmp"],
            cwd=build_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("  instrumented: ASan, UBSan, coverage\n", result.stdout)
        self.assertIn("--path %s\n" % os.path.realpath(build_dir), result.stdout)
        return build_dir

    def reproduce(self, example, build_dir):
        """reproduce_by_hand.py of `example` on `build_dir`: (exit status, output)."""
        env = dict(os.environ, LD_PRELOAD=asan_runtime(),
                   # No leak report at exit (the interpreter does not free everything) and
                   # no symbolizer (it would inherit the preload); UBSan's report needs
                   # neither.
                   ASAN_OPTIONS="detect_leaks=0:symbolize=0", UBSAN_OPTIONS="symbolize=0")
        result = subprocess.run(
            [PYTHON, os.path.join(EXAMPLES, example, "reproduce_by_hand.py"), build_dir],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
        return result.returncode, result.stdout

    def test_c_pairs(self):
        rc, out = self.reproduce("c_pairs", self.build("c_pairs", "PAIRS_DEFECT", False))
        self.assertEqual((rc, out), (0, "sound\n"))
        rc, out = self.reproduce("c_pairs", self.build("c_pairs", "PAIRS_DEFECT", True))
        self.assertEqual(rc, 1, out)
        self.assertIn("defect: gc.get_referents(pair) misses the object in pair.second", out)
        self.assertIn("survived gc.collect() (leak)", out)

    @unittest.skipIf(cython_missing(), "Cython is missing for %s: apt-get install cython3"
                     % PYTHON)
    def test_cython_session(self):
        rc, out = self.reproduce("cython_session",
                                 self.build("cython_session", "SESSION_DEFECT", False))
        self.assertEqual((rc, out), (0, "sound\n"))
        rc, out = self.reproduce("cython_session",
                                 self.build("cython_session", "SESSION_DEFECT", True))
        self.assertNotEqual(rc, 0, out)
        self.assertNotIn("sound", out)
        self.assertRegex(out, r"(UndefinedBehavior|Address)Sanitizer")

    @unittest.skipUnless(os.path.exists("/usr/include/pybind11/pybind11.h"),
                         "pybind11's headers are missing: apt-get install pybind11-dev")
    def test_cpp_boxes(self):
        rc, out = self.reproduce("cpp_boxes", self.build("cpp_boxes", "BOXES_DEFECT", False))
        self.assertEqual((rc, out), (0, "sound\n"))
        rc, out = self.reproduce("cpp_boxes", self.build("cpp_boxes", "BOXES_DEFECT", True))
        self.assertEqual(rc, 1, out)
        self.assertIn("survived gc.collect() (leak): gc.is_tracked(box) is False", out)

    def test_sources_stay_clean(self):
        """Out-of-tree builds leave nothing beside the sources."""
        self.build("c_pairs", "PAIRS_DEFECT", False)
        if not cython_missing():
            self.build("cython_session", "SESSION_DEFECT", False)
        for example in ("c_pairs", "cython_session"):
            made = [name for name in os.listdir(os.path.join(EXAMPLES, example))
                    if name in ("build", "tmp", "cython") or name.endswith((".so", ".o"))
                    or name == "session.c"]
            self.assertEqual(made, [], example)


if __name__ == "__main__":
    unittest.main()
