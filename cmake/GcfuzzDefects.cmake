# CMake's reader of fixtures/defects.def, the one home of every per-defect fact.
#
#   gcfuzz_read_defects()
#
# sets GCFUZZ_DEFECT_IDS (table order) and, for each id, GCFUZZ_DEFECT_<id>_TARGET,
# GCFUZZ_DEFECT_<id>_PYTHON_MIN ("" = every interpreter) and GCFUZZ_DEFECT_<id>_FIND_RUNS,
# in the caller's scope. It also writes what it read to ${CMAKE_BINARY_DIR}/defects.tsv in
# `gcfuzz_bugs --facts`'s format, which the CTest defects.readers_agree compares with the
# C++ reading and the CLI's (cli/gcfuzz/defects.py).
set(GCFUZZ_DEFECTS_DEF "${CMAKE_CURRENT_LIST_DIR}/../fixtures/defects.def")

function(gcfuzz_read_defects)
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               "${GCFUZZ_DEFECTS_DEF}")
  # A row's first line holds its machine fields (defects.def's header says so).
  file(STRINGS "${GCFUZZ_DEFECTS_DEF}" rows REGEX "^GCFUZZ_DEFECT\\(")
  set(row_form "^GCFUZZ_DEFECT\\(([A-Za-z]+), \"([a-z_-]+)\", (true|false), \"([a-z_]+)\", \"([0-9.]*)\", ([0-9]+),$")
  set(ids "")
  set(facts "")
  foreach(row IN LISTS rows)
    if(NOT row MATCHES "${row_form}")
      message(FATAL_ERROR "${GCFUZZ_DEFECTS_DEF}: a row's first line is not of the form its "
                          "header describes: ${row}")
    endif()
    set(id "${CMAKE_MATCH_2}")
    set(leak 0)
    if(CMAKE_MATCH_3 STREQUAL "true")
      set(leak 1)
    endif()
    list(APPEND ids "${id}")
    set(GCFUZZ_DEFECT_${id}_TARGET "${CMAKE_MATCH_4}" PARENT_SCOPE)
    set(GCFUZZ_DEFECT_${id}_PYTHON_MIN "${CMAKE_MATCH_5}" PARENT_SCOPE)
    set(GCFUZZ_DEFECT_${id}_FIND_RUNS "${CMAKE_MATCH_6}" PARENT_SCOPE)
    string(APPEND facts "${id}\t${leak}\t${CMAKE_MATCH_4}\t${CMAKE_MATCH_5}\t${CMAKE_MATCH_6}\n")
  endforeach()
  if(NOT ids)
    message(FATAL_ERROR "${GCFUZZ_DEFECTS_DEF}: no defects read")
  endif()
  file(WRITE "${CMAKE_BINARY_DIR}/defects.tsv" "${facts}")
  set(GCFUZZ_DEFECT_IDS "${ids}" PARENT_SCOPE)
endfunction()

# Whether the interpreter being built for has the defect at all.
function(gcfuzz_defect_exists id out)
  set(python_min "${GCFUZZ_DEFECT_${id}_PYTHON_MIN}")
  if(python_min AND GCFUZZ_PYTHON_VERSION VERSION_LESS python_min)
    set(${out} FALSE PARENT_SCOPE)
  else()
    set(${out} TRUE PARENT_SCOPE)
  endif()
endfunction()
