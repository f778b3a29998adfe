#include "generators/target_limits.h"

namespace gcfuzz::gen {
namespace {

// threads_fuzzer: the host thread and two workers (executor/worker_threads.h).
constexpr int kThreadsFuzzerThreads = 3;
// lifecycle_fuzzer: the main interpreter and one subinterpreter (executor/lifecycle_run.h).
constexpr int kLifecycleFuzzerInterpreters = 2;

}  // namespace

std::optional<Limits> LimitsOfTarget(std::string_view target) {
  Limits limits;
  // stress_fuzzer runs each program whole on one worker: one thread per program, as here.
  if (target == "graph_fuzzer" || target == "stress_fuzzer") return limits;
  if (target == "threads_fuzzer") {
    limits.max_threads = kThreadsFuzzerThreads;
    return limits;
  }
  if (target == "lifecycle_fuzzer") {
    limits.lifecycle_ops = true;
    limits.max_interpreters = kLifecycleFuzzerInterpreters;
    return limits;
  }
  return std::nullopt;
}

Limits WidestLimits() {
  Limits limits;
  // Op::thread and Op::interpreter are one byte each.
  limits.max_threads = 256;
  limits.max_interpreters = 256;
  limits.lifecycle_ops = true;
  return limits;
}

}  // namespace gcfuzz::gen
