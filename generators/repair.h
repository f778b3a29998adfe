// Edited operations -> a valid program. The mutator and the crossover edit freely (move,
// delete, duplicate, splice, change any field) and leave validity to this one pass, so no
// edit needs to know the invariants and every edit's result is valid by construction.
#pragma once

#include <vector>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::gen {

// An operation in an edit, with its node references in a "token" space that survives
// reordering: token = reference + token_offset (crossover puts the second program's nodes
// after the first's). A CreateNode records the token of the node it creates in `defines`,
// or -1 when it is new (inserted, duplicated) and nothing refers to it yet.
struct EditedOp {
  Op op;
  int defines = -1;
  int token_offset = 0;
};

// The program's operations with creates defining their own ids, offset by token_offset.
std::vector<EditedOp> ToEdited(const Program& program, int token_offset = 0);

// Renumbers nodes by creation order and maps each reference to the node its token now
// names, when that node exists at that point; otherwise (deleted, moved later, spliced
// from elsewhere) to a deterministic stand-in (token modulo the nodes available). Drops
// what cannot be kept (operations past max_ops, creates past max_nodes, operations that
// need a node before any exists), turns a weakref or bound method without its argument into
// a list, brings every field into range and zeroes unused ones. Same input, same output.
Program Repair(const std::vector<EditedOp>& edited, const KindCatalog& catalog,
               const Limits& limits);

}  // namespace gcfuzz::gen
