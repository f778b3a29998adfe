// The host's side of reporting: findings are printed by the reporting layer
// (report/report.h); the host adds what only an interpreter can tell, a Python exception.
#pragma once

#include <string>

#include "host/finding.h"
#include "report/report.h"

namespace gcfuzz::host {

using report::ReportFinding;
using report::SummaryLine;

// The pending Python exception as text (type, message and traceback), and clears it.
// Needs the GIL. Returns "" when no exception is set.
std::string TakePythonError();

}  // namespace gcfuzz::host
