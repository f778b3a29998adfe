#include "generators/serialize.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"
#include "generators/validate.h"

namespace gcfuzz::gen {
namespace {

// Version 1 of the format, byte for byte, as the committed corpus has it: still readable.
const std::vector<uint8_t> kSampleProgramV1 = {
    'G', 'C', 'F', 'Z', 1,
    2, 7, 'S', 'l', 'o', 't', 't', 'e', 'd', 6, 'D', 'i', 'c', 't', 'e', 'd',  // kinds
    1, 4, 'k', 'e', 'e', 'p',                                                // methods
    7, 0,                                                                    // op count
    0x01, 0, 0, 0, 0, 0, 0, 0,                          // n0 = Slotted()
    0x01, 0, 0, 1, 1, 0, 1, 2, 0, 0, 0, 2, 1, 0,        // n1 = subclass(Dicted, __del__=...)
    0x01, 0, 0, 8, 0, 1, 1, 1, 1, 5, 0, 1,              // n2 = weakref(n1, callback=...)
    0x02, 0, 0, 0, 1, 2, 1,                             // n0.slot[1] = n1
    0x07, 0, 0, 0, 0, 1, 2,                             // n0.keep(n2)
    0x0a, 0, 0, 1, 0, 10, 0, 0x2c, 0x01,                // gc.set_threshold(1, 10, 300)
    0x08, 0, 0, 2,                                      // gc.collect(2)
};

// Version 2, byte for byte: if this has to change, the version must. Each CreateNode ends
// with own_class and chain_length_class.
const std::vector<uint8_t> kSampleProgramV2 = {
    'G', 'C', 'F', 'Z', 2,
    2, 7, 'S', 'l', 'o', 't', 't', 'e', 'd', 6, 'D', 'i', 'c', 't', 'e', 'd',  // kinds
    1, 4, 'k', 'e', 'e', 'p',                                                // methods
    7, 0,                                                                    // op count
    0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0,                          // n0 = Slotted()
    0x01, 0, 0, 1, 1, 0, 1, 2, 0, 0, 0, 2, 1, 0, 0, 0,        // n1 = subclass(Dicted, __del__=...)
    0x01, 0, 0, 8, 0, 1, 1, 1, 1, 5, 0, 1, 0, 0,              // n2 = weakref(n1, callback=...)
    0x02, 0, 0, 0, 1, 2, 1,                                   // n0.slot[1] = n1
    0x07, 0, 0, 0, 0, 1, 2,                                   // n0.keep(n2)
    0x0a, 0, 0, 1, 0, 10, 0, 0x2c, 0x01,                      // gc.set_threshold(1, 10, 300)
    0x08, 0, 0, 2,                                            // gc.collect(2)
};

// Version 3, byte for byte: if this has to change, the version must. Every operation's
// header ends with fail_allocation (0 here).
const std::vector<uint8_t> kSampleProgramV3 = {
    'G', 'C', 'F', 'Z', 3,
    2, 7, 'S', 'l', 'o', 't', 't', 'e', 'd', 6, 'D', 'i', 'c', 't', 'e', 'd',  // kinds
    1, 4, 'k', 'e', 'e', 'p',                                                // methods
    7, 0,                                                                    // op count
    0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,                          // n0 = Slotted()
    0x01, 0, 0, 0, 1, 1, 0, 1, 2, 0, 0, 0, 2, 1, 0, 0, 0,        // n1 = subclass(Dicted, __del__=...)
    0x01, 0, 0, 0, 8, 0, 1, 1, 1, 1, 5, 0, 1, 0, 0,              // n2 = weakref(n1, callback=...)
    0x02, 0, 0, 0, 0, 1, 2, 1,                                   // n0.slot[1] = n1
    0x07, 0, 0, 0, 0, 0, 1, 2,                                   // n0.keep(n2)
    0x0a, 0, 0, 0, 1, 0, 10, 0, 0x2c, 0x01,                      // gc.set_threshold(1, 10, 300)
    0x08, 0, 0, 0, 2,                                            // gc.collect(2)
};

ParseResult ParseBytes(const std::vector<uint8_t>& bytes, const KindCatalog& catalog = ExampleCatalog()) {
  return Parse(bytes.data(), bytes.size(), catalog);
}

TEST(Serialize, SampleProgramHasTheGoldenBytes) {
  EXPECT_EQ(Serialize(SampleProgram(), ExampleCatalog()), kSampleProgramV3);
}

TEST(Serialize, GoldenBytesOfEveryReadableVersionParseToTheSampleProgram) {
  for (const std::vector<uint8_t>* golden : {&kSampleProgramV1, &kSampleProgramV2, &kSampleProgramV3}) {
    const ParseResult parsed = ParseBytes(*golden);
    ASSERT_TRUE(parsed.program) << parsed.error;
    EXPECT_EQ(*parsed.program, SampleProgram());
  }
}

TEST(Serialize, OwnClassesChainsAndClassAttributesRoundTrip) {
  const KindCatalog catalog = ExampleCatalog();
  Program program;
  program.ops.push_back({CreateNode{{NodeBase::kFixtureSubclass, 0}, {}, false, {}, true, 0}});
  program.ops.push_back({CreateNode{{NodeBase::kChain, 3}, {}, false, {}, false, 3}});
  program.ops.push_back({AddEdge{0, 1, EdgeVia::kClassAttribute, 2}});
  const std::vector<uint8_t> bytes = Serialize(program, catalog);
  const ParseResult parsed = ParseBytes(bytes);
  ASSERT_TRUE(parsed.program) << parsed.error;
  EXPECT_EQ(*parsed.program, program);
}

TEST(Serialize, InjectedAllocationFailuresRoundTripAndOlderVersionsHaveNone) {
  Program program = SampleProgram();
  program.ops[0].fail_allocation = 1;
  program.ops[4].fail_allocation = kMaxFailAllocation;
  const std::vector<uint8_t> bytes = Serialize(program, ExampleCatalog());
  EXPECT_EQ(bytes[29 + 3], 1);  // the first operation's header: opcode, thread, interpreter, n
  const ParseResult parsed = ParseBytes(bytes);
  ASSERT_TRUE(parsed.program) << parsed.error;
  EXPECT_EQ(*parsed.program, program);
  const ParseResult older = ParseBytes(kSampleProgramV2);
  ASSERT_TRUE(older.program) << older.error;
  for (const Op& op : older.program->ops) EXPECT_EQ(op.fail_allocation, 0);
}

TEST(Serialize, DecodedProgramsRoundTrip) {
  const KindCatalog catalog = ExampleCatalog();
  for (const Program& program : DecodedPrograms(3000)) {
    const std::vector<uint8_t> bytes = Serialize(program, catalog);
    const ParseResult parsed = ParseBytes(bytes);
    ASSERT_TRUE(parsed.program) << parsed.error;
    EXPECT_EQ(*parsed.program, program);
    EXPECT_EQ(Serialize(*parsed.program, catalog), bytes);
  }
}

TEST(Serialize, EmptyProgramRoundTrips) {
  const std::vector<uint8_t> bytes = Serialize(Program{}, ExampleCatalog());
  EXPECT_EQ(bytes, (std::vector<uint8_t>{'G', 'C', 'F', 'Z', 3, 0, 0, 0, 0}));
  ASSERT_TRUE(ParseBytes(bytes).program);
}

// Names, not indices, are stored: a corpus survives a catalog that grew and reordered.
TEST(Serialize, SurvivesCatalogReordering) {
  KindCatalog reordered = ExampleCatalog();
  std::reverse(reordered.kinds.begin(), reordered.kinds.end());
  std::reverse(reordered.method_names.begin(), reordered.method_names.end());
  reordered.kinds.insert(reordered.kinds.begin(), FixtureKind{"New", 1, true, true, true});
  const ParseResult parsed = ParseBytes(kSampleProgramV1, reordered);
  ASSERT_TRUE(parsed.program) << parsed.error;
  const auto& first = std::get<CreateNode>(parsed.program->ops[0].body);
  const auto& second = std::get<CreateNode>(parsed.program->ops[1].body);
  EXPECT_EQ(reordered.kinds[first.kind.fixture].name, "Slotted");
  EXPECT_EQ(reordered.kinds[second.kind.fixture].name, "Dicted");
  EXPECT_EQ(reordered.method_names[std::get<CallMethod>(parsed.program->ops[4].body).method], "keep");
}

TEST(Serialize, RejectsOtherVersions) {
  for (int version : {0, 4, 255}) {
    std::vector<uint8_t> bytes = kSampleProgramV3;
    bytes[4] = static_cast<uint8_t>(version);
    const ParseResult parsed = ParseBytes(bytes);
    EXPECT_FALSE(parsed.program);
    EXPECT_NE(parsed.error.find("version " + std::to_string(version)), std::string::npos) << parsed.error;
  }
}

TEST(Serialize, RejectsBadMagic) {
  std::vector<uint8_t> bytes = kSampleProgramV1;
  bytes[0] = 'X';
  EXPECT_FALSE(ParseBytes(bytes).program);
  EXPECT_FALSE(HasSerializedMagic(bytes.data(), bytes.size()));
}

TEST(Serialize, RejectsEveryTruncation) {
  for (size_t length = 0; length < kSampleProgramV1.size(); ++length) {
    const ParseResult parsed = Parse(kSampleProgramV1.data(), length, ExampleCatalog());
    EXPECT_FALSE(parsed.program) << "length " << length;
    EXPECT_FALSE(parsed.error.empty());
  }
}

TEST(Serialize, RejectsTrailingBytes) {
  std::vector<uint8_t> bytes = kSampleProgramV1;
  bytes.push_back(0);
  EXPECT_FALSE(ParseBytes(bytes).program);
}

TEST(Serialize, RejectsUnknownNames) {
  KindCatalog without_dicted = ExampleCatalog();
  without_dicted.kinds.erase(without_dicted.kinds.begin() + 2);
  const ParseResult parsed = ParseBytes(kSampleProgramV1, without_dicted);
  EXPECT_FALSE(parsed.program);
  EXPECT_NE(parsed.error.find("'Dicted'"), std::string::npos) << parsed.error;
}

TEST(Serialize, RejectsWellFormedButInvalidPrograms) {
  std::vector<uint8_t> bytes = kSampleProgramV1;
  bytes[bytes.size() - 4 - 9 - 7 - 7 + 3] = 9;  // n0.slot[1] = n1  ->  n9.slot[1] = n1
  const ParseResult parsed = ParseBytes(bytes);
  EXPECT_FALSE(parsed.program);
  EXPECT_NE(parsed.error.find("invalid program"), std::string::npos) << parsed.error;
}

TEST(Serialize, RejectsProgramsOverTheLimits) {
  Limits limits;
  limits.max_ops = 6;
  EXPECT_FALSE(Parse(kSampleProgramV1.data(), kSampleProgramV1.size(), ExampleCatalog(), limits).program);
}

// Garbage after a valid header either fails cleanly or yields a valid program.
TEST(Serialize, GarbageNeverCrashesAndNeverYieldsAnInvalidProgram) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(11);
  for (int i = 0; i < 20000; ++i) {
    std::vector<uint8_t> bytes(kSampleProgramV1.begin(), kSampleProgramV1.begin() + 5 + rng.Below(40));
    const std::vector<uint8_t> tail = RandomBytes(rng, 64);
    bytes.insert(bytes.end(), tail.begin(), tail.end());
    // And single-byte corruptions of the golden program.
    std::vector<uint8_t> corrupted = kSampleProgramV1;
    corrupted[rng.Below(corrupted.size())] = static_cast<uint8_t>(rng.Next());
    for (const std::vector<uint8_t>* input : {&bytes, &corrupted}) {
      const ParseResult parsed = ParseBytes(*input);
      if (parsed.program) {
        EXPECT_EQ(ValidationError(*parsed.program, catalog, Limits{}), "");
      } else {
        EXPECT_FALSE(parsed.error.empty());
      }
    }
  }
}

}  // namespace
}  // namespace gcfuzz::gen
