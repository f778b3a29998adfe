// The programs the custom mutator recently read or wrote, by their exact bytes.
//
// libFuzzer hands the mutator the input it just wrote again (up to -mutate_depth times in a
// row), crosses over corpus elements it picks again and again, and runs each mutant right
// after writing it. Parsing and validating every one of those anew was about a seventh of
// graph_fuzzer's time under ASan (bench/graph_fuzzer_speed.py --against). Equal bytes read
// back as the equal program (fuzz_input.h), so a cached program is exactly what parsing would
// give, under the catalog and limits it was read with; a different catalog or limits
// empties the cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "generators/kind_catalog.h"
#include "generators/limits.h"
#include "generators/program.h"

namespace gcfuzz::gen {

class RecentPrograms {
 public:
  // Bounded: past this many programs the cache starts over (a corpus of a few thousand
  // inputs stays mostly cached; the memory stays a few tens of megabytes).
  static constexpr size_t kCapacity = 4096;

  // The program these bytes read as (ProgramFromFuzzInput), cached. Shared, so it stays
  // valid when a later Read or Remember starts the cache over.
  std::shared_ptr<const Program> Read(const uint8_t* data, size_t size, const KindCatalog& catalog,
                      const Limits& limits);
  // Records that these bytes are `program` (they were just serialized from it).
  void Remember(const std::vector<uint8_t>& bytes, Program program, const KindCatalog& catalog,
                const Limits& limits);
  // The cached program for these bytes, or nullptr; valid until the next Read or Remember.
  const Program* Find(const uint8_t* data, size_t size) const;

 private:
  void Prepare(const KindCatalog& catalog, const Limits& limits);

  // Looked up by a view of the bytes: the run of every input and each mutation look up
  // without copying the input into a key.
  struct BytesHash {
    using is_transparent = void;
    size_t operator()(std::string_view bytes) const { return std::hash<std::string_view>{}(bytes); }
  };
  std::unordered_map<std::string, std::shared_ptr<const Program>, BytesHash, std::equal_to<>> programs_;
  // The catalog and limits the cached programs were read under (compared by value: a
  // catalog at the address of an earlier one may be another).
  std::optional<KindCatalog> catalog_;
  Limits limits_;
};

}  // namespace gcfuzz::gen
