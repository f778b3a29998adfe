#!/bin/bash -eu
# The build.sh the pairs project would have on OSS-Fuzz to ship gcfuzz targets for its
# module (oss-fuzz/module/build.sh); `./gcfuzz oss-fuzz --build-script THIS` checks it.
# PAIRS_DEFECT=1 in the environment builds the defective variant, as for setup.py
# (./gcfuzz oss-fuzz --build-script THIS --env PAIRS_DEFECT=1).
export GCFUZZ_MODULE=pairs
export GCFUZZ_MODULE_SOURCE="$SRC/gcfuzz/examples/c_pairs"
export GCFUZZ_MODULE_BUILD='python3 setup.py -q build_ext --build-lib "$MODULE_DIR" --build-temp "$MODULE_TEMP"'
exec "$SRC/gcfuzz/oss-fuzz/module/build.sh"
