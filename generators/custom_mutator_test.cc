#include "generators/custom_mutator.h"

#include <gtest/gtest.h>

#include "generators/example_catalog.h"
#include "generators/fuzz_input.h"
#include "generators/serialize.h"
#include "generators/test_programs.h"
#include "generators/validate.h"

namespace gcfuzz::gen {
namespace {

constexpr size_t kMaxSize = 4096;

TEST(CustomMutator, RawInputsComeBackSerializedAndValid) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(51);
  for (unsigned seed = 0; seed < 2000; ++seed) {
    std::vector<uint8_t> buffer = RandomBytes(rng, 300);
    const size_t size = buffer.size();
    buffer.resize(kMaxSize);
    const size_t new_size = MutateFuzzInput(buffer.data(), size, kMaxSize, seed, catalog, Limits{}, nullptr);
    ASSERT_LE(new_size, kMaxSize);
    const ParseResult parsed = Parse(buffer.data(), new_size, catalog);
    ASSERT_TRUE(parsed.program) << parsed.error;
  }
}

TEST(CustomMutator, RespectsSmallMaxSizes) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(52);
  for (unsigned seed = 0; seed < 2000; ++seed) {
    const size_t max_size = rng.Below(80);
    std::vector<uint8_t> buffer = RandomBytes(rng, max_size);
    const size_t size = buffer.size();
    buffer.resize(std::max<size_t>(max_size, 1));
    const size_t new_size = MutateFuzzInput(buffer.data(), size, max_size, seed, catalog, Limits{}, nullptr);
    ASSERT_LE(new_size, max_size);
    // Whatever came out still reads as a valid program.
    const FuzzInputProgram input = ProgramFromFuzzInput(buffer.data(), new_size, catalog);
    ASSERT_EQ(ValidationError(input.program, catalog, Limits{}), "");
  }
}

TEST(CustomMutator, SometimesDelegatesToTheByteMutator) {
  const KindCatalog catalog = ExampleCatalog();
  int calls = 0;
  const ByteMutator counting = [&](uint8_t*, size_t size, size_t) {
    ++calls;
    return size;
  };
  std::vector<uint8_t> buffer(kMaxSize);
  for (unsigned seed = 0; seed < 800; ++seed) {
    MutateFuzzInput(buffer.data(), 10, kMaxSize, seed, catalog, Limits{}, counting);
  }
  EXPECT_GT(calls, 800 / kByteMutationOneIn / 2);
  EXPECT_LT(calls, 800 / kByteMutationOneIn * 2);
}

TEST(CustomMutator, IsDeterministicGivenTheSeed) {
  const KindCatalog catalog = ExampleCatalog();
  const std::vector<uint8_t> start = Serialize(SampleProgram(), catalog);
  for (unsigned seed = 0; seed < 300; ++seed) {
    std::vector<uint8_t> first = start;
    std::vector<uint8_t> second = start;
    first.resize(kMaxSize);
    second.resize(kMaxSize);
    const size_t first_size = MutateFuzzInput(first.data(), start.size(), kMaxSize, seed, catalog, Limits{}, nullptr);
    const size_t second_size = MutateFuzzInput(second.data(), start.size(), kMaxSize, seed, catalog, Limits{}, nullptr);
    ASSERT_EQ(first_size, second_size);
    EXPECT_TRUE(std::equal(first.begin(), first.begin() + first_size, second.begin()));
  }
}

TEST(CustomMutator, CrossOverWritesValidSerializedPrograms) {
  const KindCatalog catalog = ExampleCatalog();
  Rng rng(53);
  std::vector<uint8_t> out(kMaxSize);
  for (unsigned seed = 0; seed < 1000; ++seed) {
    const std::vector<uint8_t> first = RandomBytes(rng, 200);
    const std::vector<uint8_t> second = Serialize(DecodedPrograms(1, {}, seed)[0], catalog);
    const size_t max_out = seed % 2 ? kMaxSize : rng.Below(60);
    const size_t size = CrossOverFuzzInputs(first.data(), first.size(), second.data(), second.size(),
                                            out.data(), max_out, seed, catalog, Limits{});
    ASSERT_LE(size, max_out);
    if (size == 0) continue;
    const ParseResult parsed = Parse(out.data(), size, catalog);
    ASSERT_TRUE(parsed.program) << parsed.error;
  }
}

TEST(FuzzInput, SerializedInputsAreParsedAndOthersDecoded) {
  const KindCatalog catalog = ExampleCatalog();
  const std::vector<uint8_t> serialized = Serialize(SampleProgram(), catalog);
  const FuzzInputProgram parsed = ProgramFromFuzzInput(serialized.data(), serialized.size(), catalog);
  EXPECT_EQ(parsed.form, InputForm::kSerialized);
  EXPECT_EQ(parsed.program, SampleProgram());

  // The magic alone does not make an input serialized: it must also parse.
  std::vector<uint8_t> broken = serialized;
  broken.pop_back();
  const FuzzInputProgram decoded = ProgramFromFuzzInput(broken.data(), broken.size(), catalog);
  EXPECT_EQ(decoded.form, InputForm::kDecoded);
  EXPECT_EQ(decoded.program, Decode(broken.data(), broken.size(), catalog));
}

}  // namespace
}  // namespace gcfuzz::gen

namespace gcfuzz::gen {
namespace {

TEST(CustomMutator, RecentProgramIsWhatTheBytesReadBackAs) {
  const KindCatalog catalog = ExampleCatalog();
  for (unsigned int seed = 1; seed <= 200; ++seed) {
    std::vector<uint8_t> buffer(4096, static_cast<uint8_t>(seed));
    const size_t size = MutateFuzzInput(buffer.data(), 64, buffer.size(), seed, catalog, Limits{},
                                        nullptr);
    const Program* written = RecentProgram(buffer.data(), size);
    if (written == nullptr) continue;  // the input was left as it was
    EXPECT_EQ(*written, ProgramFromFuzzInput(buffer.data(), size, catalog).program) << seed;
    buffer[size - 1] ^= 1;
    EXPECT_EQ(RecentProgram(buffer.data(), size), nullptr) << "other bytes, no program";
  }
}

}  // namespace
}  // namespace gcfuzz::gen
