"""The environment OSS-Fuzz's base-builder gives build.sh, per sanitizer, for libFuzzer on
x86_64 (infra/base-images/base-clang and base-builder of repo google/oss-fuzz), so that
./gcfuzz oss-fuzz builds exactly as the platform would, without Docker.

One difference: OSS-Fuzz's clang builds C++ against its own libc++ (-stdlib=libc++); Debian's
clang has no libc++ unless libc++-dev is installed, and the targets link a CPython built
against libstdc++ either way, so the emulation keeps the system's C++ library."""

COMMON = ["-O1", "-fno-omit-frame-pointer", "-gline-tables-only",
          "-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"]
COVERAGE = ["-fsanitize=fuzzer-no-link"]
_UBSAN_CHECKS = ("array-bounds,bool,builtin,enum,float-divide-by-zero,function,"
                 "integer-divide-by-zero,null,object-size,return,returns-nonnull-attribute,"
                 "shift,signed-integer-overflow,unsigned-integer-overflow,unreachable,"
                 "vla-bound,vptr")
_UBSAN_FATAL = _UBSAN_CHECKS.replace("unsigned-integer-overflow,", "")
SANITIZER_FLAGS = {
    "address": ["-fsanitize=address", "-fsanitize-address-use-after-scope"],
    "undefined": ["-fsanitize=" + _UBSAN_CHECKS, "-fno-sanitize-recover=" + _UBSAN_FATAL],
}
SANITIZERS = sorted(SANITIZER_FLAGS)

# What the runner (base-runner) puts in the targets' environment; a target's .options
# sections are merged over these.
RUNNER_OPTIONS = {
    "address": ("ASAN_OPTIONS", "alloc_dealloc_mismatch=0:allocator_may_return_null=1:"
                "allocator_release_to_os_interval_ms=500:check_malloc_usable_size=0:"
                "detect_container_overflow=1:detect_odr_violation=0:detect_leaks=1:"
                "detect_stack_use_after_return=1:fast_unwind_on_fatal=0:handle_abort=1:"
                "handle_segv=1:handle_sigill=1:max_uar_stack_size_log=16:print_scariness=1:"
                "quarantine_size_mb=10:strict_memcmp=1:symbolize=1:use_sigaltstack=1:"
                "dedup_token_length=3"),
    "undefined": ("UBSAN_OPTIONS", "handle_abort=1:handle_segv=1:handle_sigbus=1:"
                  "handle_sigfpe=1:handle_sigill=1:print_stacktrace=1:print_summary=1:"
                  "print_suppressions=0:silence_unsigned_overflow=1:symbolize=1:"
                  "use_sigaltstack=1:dedup_token_length=3"),
}


def build_environment(sanitizer, src, out, work):
    """What build.sh sees, besides PATH and HOME."""
    cflags = " ".join(COMMON + SANITIZER_FLAGS[sanitizer] + COVERAGE)
    return {
        "CC": "clang", "CXX": "clang++",
        "CFLAGS": cflags, "CXXFLAGS": cflags,
        "LIB_FUZZING_ENGINE": "-fsanitize=fuzzer",
        "SANITIZER": sanitizer, "FUZZING_ENGINE": "libfuzzer", "ARCHITECTURE": "x86_64",
        "FUZZING_LANGUAGE": "c++",
        "SRC": src, "OUT": out, "WORK": work,
    }
