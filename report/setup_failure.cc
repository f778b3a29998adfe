#include "report/setup_failure.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace gcfuzz::report {

SetupError::SetupError(const std::string& message, std::string python_error)
    : std::runtime_error(message), python_error_(std::move(python_error)) {}

void ExitOnSetupFailure(const SetupError& error) {
  std::fputs(error.python_error().c_str(), stderr);
  std::fprintf(stderr, "gcfuzz: error: %s\n", error.what());
  std::fflush(stderr);
  std::exit(kSetupFailureExitCode);
}

}  // namespace gcfuzz::report
