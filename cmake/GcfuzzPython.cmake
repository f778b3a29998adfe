# Locates the CPython to embed by asking the interpreter itself (GCFUZZ_PYTHON), so any
# CPython 3.8+ with a shared libpython and headers works: Debian's, its -dbg build, pyenv's.
# Defines the imported target gcfuzz::python and GCFUZZ_PYTHON_VERSION / _DEBUG.
execute_process(
  COMMAND "${GCFUZZ_PYTHON}" "${CMAKE_CURRENT_LIST_DIR}/../cli/gcfuzz/python_probe.py" --cmake
  OUTPUT_VARIABLE _gcfuzz_probe
  ERROR_VARIABLE _gcfuzz_probe_error
  RESULT_VARIABLE _gcfuzz_probe_rc)
if(NOT _gcfuzz_probe_rc EQUAL 0)
  message(FATAL_ERROR "gcfuzz: ${GCFUZZ_PYTHON} is not a usable CPython: ${_gcfuzz_probe_error}")
endif()
# The probe prints `set(NAME "value")` lines.
cmake_language(EVAL CODE "${_gcfuzz_probe}")

message(STATUS "gcfuzz: embedding CPython ${GCFUZZ_PYTHON_VERSION}"
               " (debug=${GCFUZZ_PYTHON_DEBUG}) from ${GCFUZZ_PYTHON_EXECUTABLE}")

add_library(gcfuzz_python SHARED IMPORTED GLOBAL)
set_target_properties(gcfuzz_python PROPERTIES
  IMPORTED_LOCATION "${GCFUZZ_PYTHON_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${GCFUZZ_PYTHON_INCLUDE_DIR}")
add_library(gcfuzz::python ALIAS gcfuzz_python)

# Headers only, for the extension module built from the same sources (it must not link
# libpython: the importing interpreter provides the symbols).
add_library(gcfuzz_python_headers INTERFACE)
target_include_directories(gcfuzz_python_headers INTERFACE "${GCFUZZ_PYTHON_INCLUDE_DIR}")
add_library(gcfuzz::python_headers ALIAS gcfuzz_python_headers)
