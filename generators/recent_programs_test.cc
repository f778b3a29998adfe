#include "generators/recent_programs.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "generators/decode.h"
#include "generators/example_catalog.h"
#include "generators/fuzz_input.h"
#include "generators/serialize.h"
#include "generators/test_programs.h"

namespace gcfuzz::gen {
namespace {

TEST(RecentPrograms, ReadGivesWhatParsingGivesAndCachesIt) {
  const KindCatalog catalog = ExampleCatalog();
  RecentPrograms recent;
  Rng rng(61);
  for (int i = 0; i < 300; ++i) {
    std::vector<uint8_t> bytes = RandomBytes(rng, 200);
    if (i % 2 == 1) bytes = Serialize(Decode(bytes.data(), bytes.size(), catalog), catalog);
    const Program expected = ProgramFromFuzzInput(bytes.data(), bytes.size(), catalog).program;
    EXPECT_EQ(*recent.Read(bytes.data(), bytes.size(), catalog, Limits{}), expected) << i;
    const Program* cached = recent.Find(bytes.data(), bytes.size());
    ASSERT_NE(cached, nullptr) << i;
    EXPECT_EQ(*cached, expected) << i;
    EXPECT_EQ(recent.Read(bytes.data(), bytes.size(), catalog, Limits{}).get(), cached)
        << "read again, the same cached program";
  }
}

TEST(RecentPrograms, FindsOnlyBytesItReadOrWasTold) {
  const KindCatalog catalog = ExampleCatalog();
  RecentPrograms recent;
  const Program program = Decode(reinterpret_cast<const uint8_t*>("gcfuzz"), 6, catalog);
  const std::vector<uint8_t> bytes = Serialize(program, catalog);
  EXPECT_EQ(recent.Find(bytes.data(), bytes.size()), nullptr);
  recent.Remember(bytes, program, catalog, Limits{});
  ASSERT_NE(recent.Find(bytes.data(), bytes.size()), nullptr);
  EXPECT_EQ(*recent.Find(bytes.data(), bytes.size()), program);
  std::vector<uint8_t> other = bytes;
  other.back() ^= 1;
  EXPECT_EQ(recent.Find(other.data(), other.size()), nullptr);
  EXPECT_EQ(recent.Find(bytes.data(), bytes.size() - 1), nullptr) << "a prefix is other bytes";
}

TEST(RecentPrograms, AnotherCatalogOrOtherLimitsReadAnew) {
  const KindCatalog catalog = ExampleCatalog();
  KindCatalog reordered = catalog;
  std::reverse(reordered.kinds.begin(), reordered.kinds.end());
  RecentPrograms recent;
  Rng rng(62);
  for (int i = 0; i < 100; ++i) {
    const std::vector<uint8_t> bytes = RandomBytes(rng, 200);
    recent.Read(bytes.data(), bytes.size(), catalog, Limits{});
    EXPECT_EQ(*recent.Read(bytes.data(), bytes.size(), reordered, Limits{}),
              ProgramFromFuzzInput(bytes.data(), bytes.size(), reordered).program) << i;
    Limits small;
    small.max_ops = 3;
    EXPECT_EQ(*recent.Read(bytes.data(), bytes.size(), reordered, small),
              ProgramFromFuzzInput(bytes.data(), bytes.size(), reordered, small).program) << i;
  }
}

TEST(RecentPrograms, StartsOverPastItsCapacityAndStaysRight) {
  const KindCatalog catalog = ExampleCatalog();
  RecentPrograms recent;
  Rng rng(63);
  std::vector<uint8_t> first = RandomBytes(rng, 100);
  first.push_back(1);  // not empty
  const std::shared_ptr<const Program> kept = recent.Read(first.data(), first.size(), catalog, Limits{});
  for (size_t i = 0; i < RecentPrograms::kCapacity; ++i) {
    std::vector<uint8_t> bytes = RandomBytes(rng, 40);
    bytes.push_back(static_cast<uint8_t>(i));
    bytes.push_back(static_cast<uint8_t>(i >> 8));
    recent.Read(bytes.data(), bytes.size(), catalog, Limits{});
  }
  EXPECT_EQ(recent.Find(first.data(), first.size()), nullptr) << "the cache is bounded";
  const Program expected = ProgramFromFuzzInput(first.data(), first.size(), catalog).program;
  EXPECT_EQ(*kept, expected) << "what a Read returned outlives the cache's start-over";
  EXPECT_EQ(*recent.Read(first.data(), first.size(), catalog, Limits{}), expected);
}

}  // namespace
}  // namespace gcfuzz::gen
