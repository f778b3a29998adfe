# Sanitizers are a build configuration (see CMakePresets.json), never a source option.
#
# GCFUZZ_SANITIZE applies to every object file. GCFUZZ_LIBFUZZER adds coverage
# instrumentation everywhere (fuzzer-no-link) and the libFuzzer driver only to the
# executables made by gcfuzz_add_fuzzer(), so tests and libraries link without libFuzzer's main.
if(GCFUZZ_SANITIZE)
  list(JOIN GCFUZZ_SANITIZE "," _gcfuzz_sanitizers)
  add_compile_options(-fsanitize=${_gcfuzz_sanitizers} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_gcfuzz_sanitizers})
  # Python calls our slots through casted function pointers; that is the C API's
  # contract, not undefined behaviour worth a report.
  if("undefined" IN_LIST GCFUZZ_SANITIZE AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    add_compile_options(-fno-sanitize=function)
  endif()
endif()

if(GCFUZZ_LIBFUZZER)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "GCFUZZ_LIBFUZZER needs clang (use the 'fuzz' preset)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Code whose paths never depend on the input (interpreter start-up, reporting, the fixed
# per-input protocol) gets no coverage instrumentation: its edges carry no signal for the
# fuzzer and would only add to libFuzzer's per-input bookkeeping. Sanitizers stay on.
function(gcfuzz_without_coverage target)
  if(GCFUZZ_LIBFUZZER)
    target_compile_options(${target} PRIVATE -fno-sanitize=fuzzer-no-link)
  endif()
endfunction()

# Edge coverage without comparison tracing: for code whose comparisons are between
# pointers and counters (the fixtures' oracles, the executor), never against input bytes,
# tracing them only costs a call per comparison on the hottest paths (every traversal).
function(gcfuzz_coverage_without_cmp target)
  if(GCFUZZ_LIBFUZZER)
    target_compile_options(${target} PRIVATE -fno-sanitize-coverage=trace-cmp)
  endif()
endfunction()

# A libFuzzer target: links libFuzzer's main.
function(gcfuzz_add_fuzzer name)
  add_executable(${name} ${ARGN})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  gcfuzz_set_warnings(${name})
endfunction()
