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

# A libFuzzer target: links libFuzzer's main, or what OSS-Fuzz's $LIB_FUZZING_ENGINE names
# (oss-fuzz/build.sh passes it).
set(GCFUZZ_FUZZING_ENGINE "-fsanitize=fuzzer" CACHE STRING
    "The link flags of a fuzz target's engine (OSS-Fuzz: $LIB_FUZZING_ENGINE)")
function(gcfuzz_add_fuzzer name)
  add_executable(${name} ${ARGN})
  separate_arguments(_engine UNIX_COMMAND "${GCFUZZ_FUZZING_ENGINE}")
  target_link_options(${name} PRIVATE ${_engine})
  gcfuzz_set_warnings(${name})
endfunction()

# A library of plain C++ that programs pass through (the generators, the forms): up to
# three copies of the same sources, each linking the same copy of DEPENDS (another such
# library), so a binary holds one copy of each.
#   gcfuzz::NAME              sanitized, without coverage: the library's own tests.
#   gcfuzz::NAME_for_targets  what the fuzz targets link: in an ASan libFuzzer build, without
#                             ASan's checks (UBSan stays): the mutator copies and rebuilds
#                             programs for every input, and its checked loads and stores
#                             were about a sixteenth of graph_fuzzer's time. No coverage:
#                             the targets learn from what a program does, not from how it
#                             was decoded.
#   gcfuzz_NAME_covered       libFuzzer builds only: checked and coverage-instrumented, for
#                             the fuzzer whose subject the library is (the decoder fuzzer).
#
#   gcfuzz_add_program_library(NAME SOURCES src... [DEPENDS OTHER])
function(gcfuzz_add_program_library name)
  cmake_parse_arguments(ARG "" "DEPENDS" "SOURCES" ${ARGN})
  set(unchecked FALSE)
  if(GCFUZZ_LIBFUZZER AND "address" IN_LIST GCFUZZ_SANITIZE)
    set(unchecked TRUE)
  endif()
  set(copies "gcfuzz_${name}")
  if(unchecked)
    list(APPEND copies "gcfuzz_${name}_unchecked")
  endif()
  if(GCFUZZ_LIBFUZZER)
    list(APPEND copies "gcfuzz_${name}_covered")
  endif()
  foreach(copy IN LISTS copies)
    add_library(${copy} STATIC ${ARG_SOURCES})
    target_include_directories(${copy} PUBLIC "${PROJECT_SOURCE_DIR}")
    gcfuzz_set_warnings(${copy})
    if(ARG_DEPENDS)
      # The same suffix: gcfuzz_forms_unchecked links gcfuzz_generators_unchecked.
      string(REPLACE "gcfuzz_${name}" "gcfuzz_${ARG_DEPENDS}" dependency "${copy}")
      target_link_libraries(${copy} PUBLIC ${dependency})
    endif()
    if(NOT copy MATCHES "_covered$")
      gcfuzz_without_coverage(${copy})
    endif()
  endforeach()
  add_library(gcfuzz::${name} ALIAS gcfuzz_${name})
  if(unchecked)
    target_compile_options(gcfuzz_${name}_unchecked PRIVATE -fno-sanitize=address)
    add_library(gcfuzz::${name}_for_targets ALIAS gcfuzz_${name}_unchecked)
  else()
    add_library(gcfuzz::${name}_for_targets ALIAS gcfuzz_${name})
  endif()
endfunction()
