"""Builds the boxes module (pybind11, Debian's pybind11-dev headers); BOXES_DEFECT=1 in the
environment builds the defective variant (Box does not take part in the collector). Out of
the source tree, instrumented:

    cd BUILD_DIR && BOXES_DEFECT=1 ./gcfuzz build-ext -- \\
        python3 SOURCE_DIR/setup.py build_ext --build-lib . --build-temp tmp
"""
import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
DEFECT = os.environ.get("BOXES_DEFECT", "") not in ("", "0")

setup(
    name="boxes",
    version="1.0",
    ext_modules=[Extension(
        "boxes",
        sources=[os.path.join(HERE, "boxes.cc")],
        language="c++",
        extra_compile_args=["-std=c++17", "-fvisibility=hidden"],
        define_macros=[("BOXES_DEFECT", "1")] if DEFECT else [],
    )],
)
