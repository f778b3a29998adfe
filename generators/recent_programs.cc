#include "generators/recent_programs.h"

#include <string>
#include <string_view>
#include <utility>

#include "generators/fuzz_input.h"

namespace gcfuzz::gen {

namespace {

std::string_view View(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace

void RecentPrograms::Prepare(const KindCatalog& catalog, const Limits& limits) {
  if (!catalog_ || !(*catalog_ == catalog) || !(limits_ == limits)) {
    programs_.clear();
    catalog_ = catalog;
    limits_ = limits;
  }
  if (programs_.size() >= kCapacity) programs_.clear();
}

std::shared_ptr<const Program> RecentPrograms::Read(const uint8_t* data, size_t size, const KindCatalog& catalog,
                                    const Limits& limits) {
  Prepare(catalog, limits);
  auto found = programs_.find(View(data, size));
  if (found != programs_.end()) return found->second;
  auto program = std::make_shared<const Program>(ProgramFromFuzzInput(data, size, catalog, limits).program);
  programs_.emplace(std::string(View(data, size)), program);
  return program;
}

void RecentPrograms::Remember(const std::vector<uint8_t>& bytes, Program program,
                              const KindCatalog& catalog, const Limits& limits) {
  Prepare(catalog, limits);
  programs_.insert_or_assign(std::string(View(bytes.data(), bytes.size())),
                             std::make_shared<const Program>(std::move(program)));
}

const Program* RecentPrograms::Find(const uint8_t* data, size_t size) const {
  auto found = programs_.find(View(data, size));
  return found == programs_.end() ? nullptr : found->second.get();
}

}  // namespace gcfuzz::gen
