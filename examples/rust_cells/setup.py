"""Builds the cells module (PyO3, through setuptools-rust); CELLS_DEFECT=1 in the
environment builds the defective variant (Cell is `unsendable`). Out of the source tree,
instrumented, with the crates offline from Debian's registry (the checkout's
.cargo/config.toml: build from a directory inside the checkout, or copy that file):

    cd BUILD_DIR && CARGO_TARGET_DIR=tmp CELLS_DEFECT=1 ./gcfuzz build-ext -- \\
        python3 SOURCE_DIR/setup.py build_ext --build-lib . --build-temp tmp
"""
import os

from setuptools import setup
from setuptools_rust import Binding, RustExtension

HERE = os.path.dirname(os.path.abspath(__file__))
DEFECT = os.environ.get("CELLS_DEFECT", "") not in ("", "0")

setup(
    name="cells",
    version="1.0",
    rust_extensions=[RustExtension("cells", os.path.join(HERE, "Cargo.toml"),
                                   binding=Binding.PyO3,
                                   features=["defect"] if DEFECT else [])],
    # Nothing but the extension: setuptools would otherwise look for packages in the
    # directory it runs in, which is the build directory.
    packages=[],
    py_modules=[],
    zip_safe=False,
)
