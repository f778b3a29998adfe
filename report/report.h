// The reporting layer: the only code that prints findings, shared by the host and by the
// fixtures (whose extension module has no host), so the format has one definition.
//
// Modelled on libFuzzer's reports: `==PID== ERROR: gcfuzz: <oracle>`, `bug class: <id>`, the
// detail, a `SUMMARY: gcfuzz: <oracle> [<bug class>]` line that tools parse (cli/gcfuzz/
// findings.py), then abort() so libFuzzer or a test harness sees a crash and keeps the
// input. Plain C++: no Python.h.
#pragma once

#include <string>

#include "report/finding.h"

namespace gcfuzz::report {

// The SUMMARY line, without the newline.
std::string SummaryLine(const Finding& finding);
// Prints the report to stderr and returns (for callers that are dying anyway).
void PrintFinding(const Finding& finding);
// Prints and aborts.
[[noreturn]] void ReportFinding(const Finding& finding);

}  // namespace gcfuzz::report
