#!/bin/bash -eu
# Builds gcfuzz's fuzz targets as OSS-Fuzz and ClusterFuzzLite do: only $SRC, $OUT, $WORK,
# $CC, $CXX, $CFLAGS, $CXXFLAGS, $LIB_FUZZING_ENGINE and $SANITIZER from the environment
# (./gcfuzz oss-fuzz runs it with the values OSS-Fuzz sets, without Docker).
#
# $OUT ends up self-contained, because a runner has neither Python nor this build:
#   <target>                       graph_fuzzer, threads_fuzzer, lifecycle_fuzzer
#   <target>.options               [libfuzzer] from fuzzers/<target>.options, [asan], [ubsan]
#   <target>.dict                  the target's dictionary
#   <target>_seed_corpus.zip       corpus/<graph|threads|lifecycle>/
#   lib/libpython3.X.so.1.0        found through the targets' RUNPATH $ORIGIN/lib
#   python/lib/python3.X/          the standard library (host/relocated_home.h)
# The fixture catalog and the module-mode shim are compiled into the targets. A planted
# defect is armed with GCFUZZ_PLANT=<id> in the target's environment.
#
# GCFUZZ_TARGETS (optional) limits the targets (the CTest builds one); GCFUZZ_PYTHON
# (optional) names the interpreter to embed (default: python3).
SOURCE="$SRC/gcfuzz"
BUILD="$WORK/gcfuzz-build"
PYTHON="${GCFUZZ_PYTHON:-$(command -v python3)}"
TARGETS="${GCFUZZ_TARGETS:-graph_fuzzer threads_fuzzer lifecycle_fuzzer}"

case "${SANITIZER:-address}" in
  address|undefined) ;;
  *) echo "gcfuzz build.sh: sanitizer '$SANITIZER' is not supported (address, undefined)" >&2
     exit 1 ;;
esac

# The sanitizer's flags come from $CFLAGS. For ASan, GCFUZZ_SANITIZE=address also lets the
# build keep ASan's checks out of the program decoder the targets link (CMake's
# gcfuzz_add_program_library). For UBSan it stays empty, so that OSS-Fuzz's choice of
# recoverable checks stands (the harness's own UBSan build makes every check fatal, and the
# generators' hashes wrap unsigned integers on purpose); the harness only needs
# -fsanitize=function off: CPython calls slots through casted function pointers.
GCFUZZ_SANITIZE=address
if [ "${SANITIZER:-address}" = undefined ]; then
  GCFUZZ_SANITIZE=
  CFLAGS="$CFLAGS -fno-sanitize=function"
  CXXFLAGS="$CXXFLAGS -fno-sanitize=function"
  export CFLAGS CXXFLAGS
fi
cmake -S "$SOURCE" -B "$BUILD" -G Ninja \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_TYPE=OSSFuzz \
  -DGCFUZZ_SANITIZE="$GCFUZZ_SANITIZE" -DGCFUZZ_LIBFUZZER=ON \
  -DGCFUZZ_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
  -DGCFUZZ_BUILD_TESTS=OFF -DGCFUZZ_BUILD_BENCH=OFF \
  -DGCFUZZ_PYTHON="$PYTHON" \
  '-DCMAKE_BUILD_RPATH=$ORIGIN/lib'
cmake --build "$BUILD" --target $TARGETS

# The interpreter's runtime, from the interpreter itself.
read -r LIBDIR SONAME STDLIB VERSION < <("$PYTHON" -c '
import sys, sysconfig
v = sysconfig.get_config_var
print(v("LIBDIR"), v("INSTSONAME"), sysconfig.get_paths()["stdlib"], "%d.%d" % sys.version_info[:2])')
mkdir -p "$OUT/lib" "$OUT/python/lib"
cp -L "$LIBDIR/$SONAME" "$OUT/lib/"
rm -rf "$OUT/python/lib/python$VERSION"
# What no target imports: tests, GUIs, installers, third-party packages, bytecode caches.
tar -C "$(dirname "$STDLIB")" \
    --exclude="*/test" --exclude="*/tests" --exclude="*/idlelib" --exclude="*/tkinter" \
    --exclude="*/turtledemo" --exclude="*/ensurepip" --exclude="*/lib2to3" \
    --exclude="*/site-packages" --exclude="*/dist-packages" --exclude="*/__pycache__" \
    -cf - "$(basename "$STDLIB")" | tar -C "$OUT/python/lib" -xf -
if [ "$(basename "$STDLIB")" != "python$VERSION" ]; then
  mv "$OUT/python/lib/$(basename "$STDLIB")" "$OUT/python/lib/python$VERSION"
fi

for target in $TARGETS; do
  cp "$BUILD/fuzzers/$target" "$OUT/"
  # Which dictionary and seed corpus go with a target is the CLI's rule (cli/gcfuzz/targets.py).
  read -r dict seeds < <("$PYTHON" -c '
import sys
sys.path.insert(0, sys.argv[1])
from gcfuzz import targets
print(targets.dictionary(sys.argv[2]) or "-", targets.seed_corpus(sys.argv[2]) or "-")' \
    "$SOURCE/cli" "$target")
  if [ "$dict" != - ]; then
    cp "$dict" "$OUT/$target.dict"
  fi
  {
    cat "$SOURCE/fuzzers/$target.options"
    # The harness's own ASan and UBSan settings are compiled in (host/sanitizer_options.cc);
    # these only say what must hold whatever the runner sets: LeakSanitizer on at exit.
    printf '\n[asan]\ndetect_leaks = 1\n\n[ubsan]\nhalt_on_error = 1\n'
  } > "$OUT/$target.options"
  if [ "$seeds" != - ]; then
    rm -f "$OUT/${target}_seed_corpus.zip"
    (cd "$seeds" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  fi
done
