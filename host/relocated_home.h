// Where the embedded interpreter's standard library is when a target was copied out of its
// build, with its runtime beside it (OSS-Fuzz's $OUT: oss-fuzz/build.sh):
//
//   $OUT/graph_fuzzer
//   $OUT/lib/libpython3.X.so.1.0          found through the target's RUNPATH $ORIGIN/lib
//   $OUT/python/lib/python3.X/os.py ...   the standard library: PyConfig.home = $OUT/python
//
// A runner has no Python installed and runs the target with a clean environment, so the
// target finds its home from its own location, not from PYTHONHOME. In a build tree (no
// `python` directory beside the binary) the interpreter finds its library as it always did.
#pragma once

#include <string>

namespace gcfuzz::host {

// "<directory of this executable>/python" when it holds this interpreter version's
// standard library (lib/python3.X/os.py), else "".
std::string RelocatedHome();

// This executable's path (/proc/self/exe), "" when it cannot be read. What else ships
// beside a target in $OUT is found from it too (module mode's <target>.module).
std::string ExecutablePath();

}  // namespace gcfuzz::host
