"""Builds the pairs module; PAIRS_DEFECT=1 in the environment builds the defective variant
(Pair's tp_traverse does not visit `second`). Out of the source tree, instrumented:

    cd BUILD_DIR && PAIRS_DEFECT=1 ./gcfuzz build-ext -- \\
        python3 SOURCE_DIR/setup.py build_ext --build-lib . --build-temp tmp
"""
import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
DEFECT = os.environ.get("PAIRS_DEFECT", "") not in ("", "0")

setup(
    name="pairs",
    version="1.0",
    ext_modules=[Extension(
        "pairs",
        # Absolute: setup.py runs from the build directory, and the object file then goes
        # under --build-temp rather than beside the source.
        sources=[os.path.join(HERE, "pairs.c")],
        define_macros=[("PAIRS_DEFECT", "1")] if DEFECT else [],
    )],
)
