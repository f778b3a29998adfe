#include "report/context.h"

namespace gcfuzz::report {
namespace {

ContextDescriber g_describer = nullptr;
bool g_printed = false;

}  // namespace

void SetContextDescriber(ContextDescriber describer) { g_describer = describer; }

void PrintContext(std::FILE* out) {
  if (g_describer == nullptr || g_printed) return;
  const std::string line = g_describer();
  if (line.empty()) return;
  g_printed = true;
  std::fprintf(out, "gcfuzz: %s\n", line.c_str());
  std::fflush(out);
}

}  // namespace gcfuzz::report
