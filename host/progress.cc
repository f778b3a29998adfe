#include "host/progress.h"

#include <unistd.h>

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

namespace gcfuzz::host {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::seconds Interval() {
  const char* text = std::getenv("GCFUZZ_PROGRESS_SECONDS");
  const long seconds = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return std::chrono::seconds(seconds > 0 ? seconds : 60);
}

}  // namespace

int64_t ResidentBytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm == nullptr) return 0;
  long long size = 0, resident = 0;
  const int read = std::fscanf(statm, "%lld %lld", &size, &resident);
  std::fclose(statm);
  return read == 2 ? resident * sysconf(_SC_PAGESIZE) : 0;
}

void CountInputForProgress() {
  static const std::chrono::seconds interval = Interval();
  static Clock::time_point last = Clock::now();
  static int64_t inputs = 0;
  if ((++inputs & 255) != 0 && interval.count() > 1) return;
  const Clock::time_point now = Clock::now();
  if (now - last < interval) return;
  last = now;
  std::fprintf(stderr, "gcfuzz progress: %" PRId64 " inputs, rss %" PRId64 " MB\n", inputs,
               ResidentBytes() >> 20);
}

}  // namespace gcfuzz::host
