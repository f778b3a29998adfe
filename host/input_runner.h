// The per-input protocol every target follows, so that one input cannot influence the next.
//
//   take the GIL -> run the input's body -> no Python exception may be pending ->
//   full collection -> every registered after-input check -> release the GIL
//
// A check that fails is reported as a finding (report/report.h) and ends the process.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "report/finding.h"

namespace gcfuzz::host {

// Runs with the GIL held after the final collection of every input; returns a finding when
// the input left something behind (a live fixture, a stray thread, ...).
using AfterInputCheck = std::function<std::optional<report::Finding>()>;

// Registered once, at start-up, before the first input.
void AddAfterInputCheck(AfterInputCheck check);

// Runs body with the GIL held and then the protocol above. The interpreter must be started.
void RunInput(const std::function<void()>& body);

// The same protocol without taking the GIL: for inputs that may finalize and initialize
// the runtime (host/lifecycle.h), which a GIL scope around them could not survive. Only on
// the host thread, which holds the GIL between inputs.
void RunInputHoldingGil(const std::function<void()>& body);

}  // namespace gcfuzz::host
