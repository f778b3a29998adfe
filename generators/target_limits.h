// Each fuzz target's program limits (limits.h), stated once. A target decodes, mutates and
// crosses over its inputs with them (fuzzers/), and tools/ reads a file as the target that
// ran it did, so both must take them from here.
#pragma once

#include <optional>
#include <string_view>

#include "generators/limits.h"

namespace gcfuzz::gen {

// The limits of graph_fuzzer, threads_fuzzer, lifecycle_fuzzer or stress_fuzzer (the
// executable's name); nullopt for any other name.
std::optional<Limits> LimitsOfTarget(std::string_view target);

// Any thread, any interpreter, lifecycle operations: what a serialized program may use at
// all, wider than every target's, to see what a program uses (tools/target_detection.h).
Limits WidestLimits();

}  // namespace gcfuzz::gen
