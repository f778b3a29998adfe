// Coverage of where hooks run. A finalizer or a weakref callback that fires in the middle
// of an operation (a method releasing a fixture's members, a drop that frees a cycle, the
// final step) is in a different state from the same hook fired by an explicit collection,
// and the release-order and clear-order defects live in those states: a hook that touches
// or collects while a holder is half-way through letting its members go. Edge coverage
// cannot tell these apart (the action's code is the same wherever it runs), so the fuzzer
// would keep no input for reaching one. These counters can: one per (operation in
// progress, hook nesting depth, program objects the operation had freed when the hook
// began, action), as libFuzzer extra counters, which it resets before each input and reads
// as features after it. In a build without libFuzzer nothing reads them.
//
// The objects freed count because a hook that runs after its operation destroyed something
// sees a world with a hole in it: what it reads may be what was just freed (a holder that
// released one member and then another whose finalizer reads the first). Edges cannot see
// that either: sound code clears the field first, so the reader takes the same branch
// whether the member it no longer finds was freed or is alive elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "generators/actions.h"
#include "generators/ops.h"

namespace gcfuzz::exec {

// What is in progress, as the counters tell it apart: an operation by kind, a method call
// by method, or the final step.
class HookContext {
 public:
  static HookContext Of(const gen::Op& op);
  static HookContext FinalStep();

  // A hook began (action: nullopt) or ran an action, at nesting depth `depth` (1: fired
  // by the operation itself), after the operation had freed `freed` of the program's nodes.
  void Count(int depth, int freed, std::optional<gen::ActionKind> action) const;

 private:
  explicit HookContext(int index) : index_(index) {}
  int index_;
};

// For tests: a copy of every counter, and setting them all to 0 (what libFuzzer does before
// each input).
std::vector<uint8_t> HookContextCounters();
void ResetHookContextCounters();

}  // namespace gcfuzz::exec
