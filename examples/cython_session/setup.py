"""Builds the session module (Cython); SESSION_DEFECT=1 in the environment builds the
defective variant (Session.__dealloc__ goes through self.context, which Cython's tp_clear
has set to None). Out of the source tree, instrumented:

    cd BUILD_DIR && SESSION_DEFECT=1 ./gcfuzz build-ext -- \\
        python3 SOURCE_DIR/setup.py build_ext --build-lib . --build-temp tmp

The C that Cython generates goes to BUILD_DIR/cython, not beside the .pyx.
"""
import os

from Cython.Build import cythonize
from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
DEFECT = os.environ.get("SESSION_DEFECT", "") not in ("", "0")


def cythonized(extension, build_dir):
    """cythonize writes into build_dir only for sources named relative to the current
    directory, so it runs from this one."""
    start = os.getcwd()
    os.chdir(HERE)
    try:
        return cythonize([extension], build_dir=build_dir)
    finally:
        os.chdir(start)


setup(
    name="session",
    version="1.0",
    ext_modules=cythonized(Extension(
        "session",
        sources=["session.pyx", os.path.join(HERE, "pool.c")],
        include_dirs=[HERE],
        define_macros=[("SESSION_DEFECT", "1")] if DEFECT else [],
    ), build_dir=os.path.join(os.getcwd(), "cython")),
)
