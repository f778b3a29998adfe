// A line a minute from every target, for long runs: how many inputs the process has run and
// its resident memory now (not the peak libFuzzer prints), so that `./gcfuzz fuzz` can show
// exec/s and RSS over time and say whether memory grew (OSS-Fuzz stops a target past
// -rss_limit_mb; a slow leak across inputs shows here first).
//
//   gcfuzz progress: 123456 inputs, rss 512 MB
//
// GCFUZZ_PROGRESS_SECONDS sets the interval (default 60; tests use 1).
#pragma once

#include <cstdint>

namespace gcfuzz::host {

// Called once per input by the per-input protocol (input_runner.h); prints when the
// interval has passed. Cheap: it reads the clock every 256 inputs.
void CountInputForProgress();

// Resident set size of this process in bytes (/proc/self/statm), 0 when unknown.
int64_t ResidentBytes();

}  // namespace gcfuzz::host
