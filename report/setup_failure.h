// Set-up failures: gcfuzz cannot get ready to run inputs (the interpreter does not start,
// the fixture module does not import or has the wrong shape, a setting is malformed). They
// are not findings, and a driver must be able to tell them apart: one format, one exit
// status.
//
// Library code (host/, executor/, ...) never exits: it throws SetupError. Only an entry
// point (main, LLVMFuzzerInitialize, the input of a target whose inputs restart the
// runtime) catches it and ends the process through ExitOnSetupFailure. A SetupError must
// never cross a C callback (a Python slot or hook): nothing that throws it runs in one.
#pragma once

#include <stdexcept>
#include <string>

namespace gcfuzz::report {

// Distinct from what a finding exits with (1, ASan's and UBSan's) and from libFuzzer's own
// statuses (77 -error_exitcode, 70 -timeout_exitcode).
inline constexpr int kSetupFailureExitCode = 3;

class SetupError : public std::runtime_error {
 public:
  // `message`: what is wrong and, for a setting, its name and the value expected
  // ("GCFUZZ_STRESS_THREADS=99: expected an integer from 2 to 8"). `python_error`: the
  // Python exception that caused it, as text with its traceback (host/python_error.h), or
  // "" when there was none.
  explicit SetupError(const std::string& message, std::string python_error = "");

  const std::string& python_error() const { return python_error_; }

 private:
  std::string python_error_;
};

// Prints the Python error, if any, then the one line `gcfuzz: error: <message>` to stderr,
// and exits with kSetupFailureExitCode.
[[noreturn]] void ExitOnSetupFailure(const SetupError& error);

}  // namespace gcfuzz::report
