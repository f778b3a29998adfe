#!/bin/bash -eu
# ClusterFuzzLite builds the targets exactly as OSS-Fuzz does.
exec "$SRC/gcfuzz/oss-fuzz/build.sh"
