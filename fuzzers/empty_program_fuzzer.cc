// Runs an empty program through the full host protocol (host/input_runner.h) for every
// input: the floor of what any gcfuzz target costs per execution. Compared side by side with
// bare_collect_fuzzer by bench/host_overhead.py.
#include <cstddef>
#include <cstdint>

#include "host/input_runner.h"
#include "host/interpreter.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  gcfuzz::host::EnsureInterpreter();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) {
  gcfuzz::host::RunInput([] {});
  return 0;
}
