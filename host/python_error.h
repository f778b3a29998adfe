// A pending Python exception as text, for findings and messages: what only an interpreter
// can tell. Findings themselves are printed by the reporting layer (report/report.h).
#pragma once

#include <string>

namespace gcfuzz::host {

// The pending Python exception as text (type, message and traceback), and clears it.
// Needs the GIL. Returns "" when no exception is set.
std::string TakePythonError();

// The last non-empty line of an error's text: a traceback's last line, which says why
// ("ImportError: ..."). "" for an empty text.
std::string LastLine(std::string text);

}  // namespace gcfuzz::host
