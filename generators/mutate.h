// Structure-aware mutation of a program: one edit that a byte-level mutator would almost
// never find (insert a whole operation, retarget an edge, turn a list into a weakref,
// change what a finalizer does), then repair.h makes the result valid again.
#pragma once

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"
#include "generators/rng.h"

namespace gcfuzz::gen {

enum class Mutation {
  kInsert,       // a new operation, built like the decoder builds one
  kDelete,       // a run of 1-4 operations
  kDuplicate,    // a run of 1-4 operations, copied elsewhere (creates make new nodes)
  kMove,         // one operation to another position
  kSwap,         // two operations
  kRetarget,     // one node reference (edge end, argument, weakref referent, action target)
  kChangeKind,   // the kind of one created node
  kChangeHook,   // a finalizer's or callback's presence or one of its actions
  kChangeLabel,  // how an edge is held (slot/attribute/item, index), or a method call
  kChangeGc,     // a collection's generation, the thresholds, gc enable/disable
  kChangeThread, // the thread one operation runs on (when Limits::max_threads > 1)
  kFailAllocation,  // which fixture allocation a create or a method call meets failing, if any
  kMaxValue = kFailAllocation,
};

// `program` must be valid; the result is valid (under the same catalog and limits) and
// depends only on the program and the generator's state. Applies `mutation`, or kInsert
// when the program has nothing that mutation applies to.
Program Mutate(const Program& program, Mutation mutation, Rng& rng, const KindCatalog& catalog,
               const Limits& limits);

// A mutation drawn from rng.
Program Mutate(const Program& program, Rng& rng, const KindCatalog& catalog, const Limits& limits);

// The deepest chains (kChainLengths' last) of a parent, each kept 1 time in 4 and otherwise
// shortened to the next length. One costs up to a few hundred milliseconds under ASan, and
// what it is for (a recursion as deep as the chain when it is freed) happens in the first
// program that has it; a corpus entry with one would otherwise hand it to most of its
// mutations and crossovers. Fresh deep chains come from the decoder and kind changes.
void ShortenInheritedDeepChains(Program& parent, Rng& rng);
// Whether the parent has one of those (ShortenInheritedDeepChains neither changes it nor
// draws from rng otherwise).
bool HasDeepestChain(const Program& parent);

}  // namespace gcfuzz::gen
