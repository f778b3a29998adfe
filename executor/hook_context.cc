#include "executor/hook_context.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <variant>

namespace gcfuzz::exec {
namespace {

constexpr int kOperationKinds = static_cast<int>(std::variant_size_v<gen::OpBody>);
// Methods past this many share the last context (the catalog has far fewer).
constexpr int kMethodContexts = 32;
constexpr int kFinalStep = kOperationKinds + kMethodContexts;
constexpr int kContexts = kFinalStep + 1;
// Depth 1, 2, and 3 or more: a hook fired by a hook's own drop or collection.
constexpr int kDepths = 3;
// Nodes the operation had freed when the hook began: none, one, two or more.
constexpr int kFreedBuckets = 3;
// Each action kind, and "the hook began" (an empty hook is a state too).
constexpr int kActions = static_cast<int>(gen::ActionKind::kMaxValue) + 2;

// libFuzzer collects every counter in this section as a feature (bucketed by count, like
// edge counters) and clears them before each input. `used`: nothing in the program reads
// them, and the linker must keep them.
[[gnu::used, gnu::section("__libfuzzer_extra_counters")]] uint8_t g_counters[kContexts * kDepths * kFreedBuckets * kActions];

}  // namespace

HookContext HookContext::Of(const gen::Op& op) {
  if (const auto* call = std::get_if<gen::CallMethod>(&op.body)) {
    return HookContext(kOperationKinds + std::min<int>(call->method, kMethodContexts - 1));
  }
  return HookContext(static_cast<int>(op.body.index()));
}

HookContext HookContext::FinalStep() { return HookContext(kFinalStep); }

void HookContext::Count(int depth, int freed, std::optional<gen::ActionKind> action) const {
  const int depth_bucket = std::clamp(depth, 1, kDepths) - 1;
  const int freed_bucket = std::clamp(freed, 0, kFreedBuckets - 1);
  const int action_index = action ? static_cast<int>(*action) + 1 : 0;
  uint8_t& counter =
      g_counters[((index_ * kDepths + depth_bucket) * kFreedBuckets + freed_bucket) * kActions + action_index];
  // Saturating, and relaxed-atomic: stress_fuzzer's workers run hooks on several threads.
  if (__atomic_load_n(&counter, __ATOMIC_RELAXED) != 0xff) __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
}

std::vector<uint8_t> HookContextCounters() {
  std::vector<uint8_t> copy(std::size(g_counters));
  for (size_t i = 0; i < copy.size(); ++i) copy[i] = __atomic_load_n(&g_counters[i], __ATOMIC_RELAXED);
  return copy;
}

void ResetHookContextCounters() {
  for (uint8_t& counter : g_counters) __atomic_store_n(&counter, 0, __ATOMIC_RELAXED);
}

}  // namespace gcfuzz::exec
