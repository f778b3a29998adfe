#include "bench/measurement_policy.h"

#include <algorithm>

namespace gcfuzz::bench {

double OffCpuSeconds(double wall_seconds, double cpu_seconds) {
  return std::max(0.0, wall_seconds - cpu_seconds);
}

bool Disturbed(double wall_seconds, double cpu_seconds) {
  double allowed = std::max(kOffCpuFloorSeconds, kOffCpuTolerance * wall_seconds);
  return OffCpuSeconds(wall_seconds, cpu_seconds) > allowed;
}

bool MeasureAgain(bool disturbed, double wall_seconds, int attempt, int case_retries,
                  int repetitions) {
  return disturbed && attempt < kAttempts && wall_seconds < kRetryBelowSeconds &&
         case_retries < kRetriesPerRepetition * repetitions;
}

}  // namespace gcfuzz::bench
