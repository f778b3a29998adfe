#include "bench/suite_context.h"

#include <benchmark/benchmark.h>

#include <string>

#include "bench/embedded_python.h"
#include "host/interpreter.h"

namespace gcfuzz::bench {

void AddSuiteContext(bool quick) {
  benchmark::AddCustomContext("gcfuzz_suite", quick ? "quick" : "full");
  benchmark::AddCustomContext("python_executable", GCFUZZ_BENCH_PYTHON);
  benchmark::AddCustomContext("python_version", EvalToString("__import__('sys').version"));
  benchmark::AddCustomContext(
      "python_version_short",
      EvalToString("'%d.%d.%d' % __import__('sys').version_info[:3]"));
  // Debian's and pyenv's builds differ in PGO/LTO, which moves every figure; say which.
  benchmark::AddCustomContext(
      "python_config_args", EvalToString("__import__('sysconfig').get_config_var('CONFIG_ARGS')"));
  benchmark::AddCustomContext("python_opt_flags",
                              EvalToString("__import__('sysconfig').get_config_var('OPT')"));
  benchmark::AddCustomContext(
      "python_allocator",
      std::string(host::AllocatorName()) + " (pymalloc compiled in: " +
          EvalToString("bool(__import__('sysconfig').get_config_var('WITH_PYMALLOC'))") + ")");
  benchmark::AddCustomContext("gc_thresholds", EvalToString("__import__('gc').get_threshold()"));
  benchmark::AddCustomContext("bench_build_type", GCFUZZ_BENCH_BUILD_TYPE);
  benchmark::AddCustomContext("bench_compiler", GCFUZZ_BENCH_COMPILER);
  benchmark::AddCustomContext("bench_cxx_flags", GCFUZZ_BENCH_CXX_FLAGS);
}

void AddHeapContext() {
  benchmark::AddCustomContext("gc_frozen_objects",
                              EvalToString("__import__('gc').get_freeze_count()"));
  // get_objects() lists the tracked objects of every generation but the permanent one; the
  // list it returns is not in it.
  benchmark::AddCustomContext("gc_unfrozen_objects",
                              EvalToString("len(__import__('gc').get_objects())"));
}

}  // namespace gcfuzz::bench
