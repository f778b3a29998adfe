// What a finalizer (__del__ of a subclass node) or a weakref callback does when it runs.
// These are the re-entrancy paths of the bug classes: a hook that touches, resurrects or
// collects while the collector is half-way through a cycle.
#pragma once

#include <cstdint>

#include "generators/node_kind.h"

namespace gcfuzz::gen {

enum class ActionKind : uint8_t {
  // Read the target's payload (a fixture's C state, a container's length).
  kTouch,
  // weakref.ref(target) stored in the global stash; the final step calls it.
  kStashWeakref,
  // Store the target in the global resurrection list; target == the hook's own node means
  // "resurrect self" (PEP 442).
  kResurrect,
  // Drop the program's root reference to the target.
  kDropRoot,
  // Raise an exception out of the hook (it becomes an unraisable exception).
  kRaise,
  // gc.collect(generation) from inside the hook.
  kCollect,
  kMaxValue = kCollect,
};

inline bool ActionHasTarget(ActionKind kind) {
  return kind != ActionKind::kRaise && kind != ActionKind::kCollect;
}

struct Action {
  ActionKind kind = ActionKind::kTouch;
  // Any node of the program, created before or after the hook's owner: hooks run late. 0
  // when the kind has no target.
  NodeId target = 0;
  // 0, 1 or 2 for kCollect; 0 otherwise.
  uint8_t generation = 0;

  bool operator==(const Action&) const = default;
};

}  // namespace gcfuzz::gen
