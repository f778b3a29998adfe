// The reporting layer: the only code that prints findings.
//
// Modelled on libFuzzer's reports: `==PID== ERROR: gcfuzz: <oracle>`, the detail, a
// `SUMMARY: gcfuzz: <oracle> [<bug class>]` line, then abort() so libFuzzer (or a test
// harness) sees a crash and saves the input as an artifact. Tools parse the SUMMARY line.
#pragma once

#include <string>

#include "host/finding.h"

namespace gcfuzz::host {

[[noreturn]] void ReportFinding(const Finding& finding);

// The pending Python exception as text (type, message and traceback), and clears it.
// Needs the GIL. Returns "" when no exception is set.
std::string TakePythonError();

// The SUMMARY line for a finding, without the trailing newline; shared with the parsers'
// tests so the format has one definition.
std::string SummaryLine(const Finding& finding);

}  // namespace gcfuzz::host
