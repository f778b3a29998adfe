// Runs an empty program through the full host protocol (host/input_runner.h) for every
// input: the floor of what any gcfuzz target costs per execution. Compared side by side with
// bare_collect_fuzzer by bench/host_overhead.py.
#include <cstddef>
#include <cstdint>

#include "host/input_runner.h"
#include "host/interpreter.h"
#include "report/setup_failure.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  try {
    gcfuzz::host::EnsureInterpreter();
  } catch (const gcfuzz::report::SetupError& error) {
    gcfuzz::report::ExitOnSetupFailure(error);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) {
  gcfuzz::host::RunInput([] {});
  return 0;
}
