// The stable binary form of a Program: corpus files, crash artifacts, and what the custom
// mutator writes back into libFuzzer's buffer.
//
//   "GCFZ" <version=2>
//   <u8 n> n x (<u8 len> name)      fixture kind names, in order of first use
//   <u8 m> m x (<u8 len> name)      method names, in order of first use
//   <u16le ops> ops x (<u8 opcode> <u8 thread> <u8 interpreter> fields...)
//
// Fixture kinds and methods are stored by name, not by catalog index, so a corpus file
// written today still parses after the catalog gains or reorders kinds. Every field is a
// byte (thresholds: u16le); serialize.cc lists the opcodes and field orders. A new field or
// operation means a new version; Parse() rejects versions it does not know rather than
// guessing, and rejects anything malformed or invalid under the limits, never crashing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::gen {

inline constexpr uint8_t kSerializedMagic[4] = {'G', 'C', 'F', 'Z'};
// Version 2 added CreateNode's own_class and chain_length_class, EdgeVia::kClassAttribute
// and NodeBase::kChain. Version 1 files (the committed corpus) still parse: their
// programs are version 2 programs without those. Version 3 added Op::fail_allocation, a
// byte after each operation's interpreter; older files' operations inject nothing.
inline constexpr uint8_t kSerializedVersion = 3;
inline constexpr uint8_t kOldestReadableVersion = 1;
// Magic and version.
inline constexpr size_t kSerializedHeaderSize = 5;

// Deterministic: equal programs give equal bytes. `program` must be valid for `catalog`.
std::vector<uint8_t> Serialize(const Program& program, const KindCatalog& catalog);

struct ParseResult {
  std::optional<Program> program;  // set on success, and then valid under the limits
  std::string error;               // why not, otherwise
};

ParseResult Parse(const uint8_t* data, size_t size, const KindCatalog& catalog,
                  const Limits& limits = {});

// Starts with the magic (any version).
bool HasSerializedMagic(const uint8_t* data, size_t size);

}  // namespace gcfuzz::gen
