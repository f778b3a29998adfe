# One place for the warning flags every gcfuzz target gets.
function(gcfuzz_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter
                                           -Wno-missing-field-initializers)
endfunction()
