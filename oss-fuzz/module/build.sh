#!/bin/bash -eu
# An extension project's own OSS-Fuzz build with gcfuzz's module targets: the project's
# module, built with the sanitizer OSS-Fuzz asks for and libFuzzer's coverage, fuzzed as
# `./gcfuzz fuzz --module` fuzzes it. The project's Dockerfile clones gcfuzz into
# $SRC/gcfuzz beside the project; its build.sh sets these and runs this script:
#
#   GCFUZZ_MODULE          the module, as imported (mypkg._speedups)
#   GCFUZZ_MODULE_BUILD    the project's build command, run by bash in the project's folder
#                          ($GCFUZZ_MODULE_SOURCE) with CC, CXX, CFLAGS, CXXFLAGS set; the
#                          module must land in "$MODULE_DIR" (for setuptools:
#                          python3 setup.py build_ext --build-lib "$MODULE_DIR"
#                              --build-temp "$MODULE_TEMP")
#   GCFUZZ_MODULE_SOURCE   the project's folder (default: the working directory)
#   GCFUZZ_MODULE_ADAPTER  optional: the project's adapter file (./gcfuzz discover --write)
#   GCFUZZ_MODULE_TARGETS  optional: gcfuzz targets to ship (default: graph_fuzzer)
#
# In $OUT, for each target T: <module>_T (gcfuzz's T), <module>_T.module (the plan, which
# the target reads from beside itself, since a runner sets no environment of ours),
# <module>_T.options and .dict; the module in gcfuzz_module/ and the adapter beside the
# plans; the interpreter's runtime as oss-fuzz/build.sh ships it.
#
# The module is built twice. Once plain, for discovery: discovery imports it in a plain
# interpreter, where libFuzzer's runtime is absent. Once instrumented, for the targets,
# with $CFLAGS except -fsanitize=fuzzer-no-link, replaced by the coverage libFuzzer learns
# from (counters, PC table, comparisons): fuzzer-no-link code also needs libFuzzer symbols
# that a fuzz target does not export to the modules it loads (see cli/gcfuzz/
# instrumented_build.py).
MODULE="${GCFUZZ_MODULE:?set GCFUZZ_MODULE to the module to fuzz}"
BUILD_COMMAND="${GCFUZZ_MODULE_BUILD:?set GCFUZZ_MODULE_BUILD to the build command of the project}"
PROJECT="${GCFUZZ_MODULE_SOURCE:-$PWD}"
TARGETS="${GCFUZZ_MODULE_TARGETS:-graph_fuzzer}"
PYTHON="${GCFUZZ_PYTHON:-$(command -v python3)}"
NAME="${MODULE//./_}"

GCFUZZ_TARGETS="$TARGETS" GCFUZZ_PYTHON="$PYTHON" "$SRC/gcfuzz/oss-fuzz/build.sh"

# Discovery, on a plain build.
PLAIN="$WORK/gcfuzz-module-plain"
rm -rf "$PLAIN"
mkdir -p "$PLAIN/module" "$PLAIN/temp"
(cd "$PROJECT" && env -u CFLAGS -u CXXFLAGS CC=cc CXX=c++ MODULE_DIR="$PLAIN/module" \
   MODULE_TEMP="$PLAIN/temp" bash -c "$BUILD_COMMAND")
ADAPTER_ARGS=()
if [ -n "${GCFUZZ_MODULE_ADAPTER:-}" ]; then
  cp "$GCFUZZ_MODULE_ADAPTER" "$OUT/${NAME}_adapter.py"
  ADAPTER_ARGS=(--adapter "$OUT/${NAME}_adapter.py")
fi
(cd "$SRC/gcfuzz/cli" && "$PYTHON" -m gcfuzz.module_plan "$MODULE" --out "$PLAIN/plan.json" \
   --python "$PYTHON" --path "$PLAIN/module" "${ADAPTER_ARGS[@]}")

# The instrumented build the targets load. UBSan's function check is off, as for gcfuzz's
# own code: CPython calls a module's functions and slots through casted pointers.
COVERAGE="-fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp"
if [ "${SANITIZER:-address}" = undefined ]; then
  COVERAGE="$COVERAGE -fno-sanitize=function"
fi
rm -rf "$OUT/gcfuzz_module" "$WORK/gcfuzz-module-temp"
mkdir -p "$OUT/gcfuzz_module"
(cd "$PROJECT" && CFLAGS="${CFLAGS//-fsanitize=fuzzer-no-link/$COVERAGE}" \
   CXXFLAGS="${CXXFLAGS//-fsanitize=fuzzer-no-link/$COVERAGE}" \
   LDSHARED="$CC -shared" LDCXXSHARED="$CXX -shared" \
   MODULE_DIR="$OUT/gcfuzz_module" MODULE_TEMP="$WORK/gcfuzz-module-temp" \
   bash -c "$BUILD_COMMAND")

# Each target under the module's name, with its plan beside it (paths relative to $OUT).
for target in $TARGETS; do
  for suffix in "" .options .dict; do
    [ -e "$OUT/$target$suffix" ] && mv "$OUT/$target$suffix" "$OUT/${NAME}_$target$suffix"
  done
  rm -f "$OUT/${target}_seed_corpus.zip"  # the catalog's programs, not the module's
  "$PYTHON" - "$PLAIN/plan.json" "$OUT/${NAME}_$target.module" "${ADAPTER_ARGS[@]:+${NAME}_adapter.py}" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
plan["path"] = "gcfuzz_module"
plan["adapter"] = sys.argv[3] if len(sys.argv) > 3 else None
json.dump(plan, open(sys.argv[2], "w"), indent=1)
PY
done
