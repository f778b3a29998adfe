#include "forms/test_form.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "generators/example_catalog.h"
#include "generators/test_programs.h"

namespace gcfuzz::gen {
namespace {

std::string SampleDraft() {
  TestDraftOptions options;
  options.test_name = "ClearThenDealloc";
  options.armed = {"clear-then-dealloc-uses-field", "dealloc-no-untrack"};
  options.expected_output = "SUMMARY: gcfuzz: leak";
  options.header = {"found by graph_fuzzer"};
  return ToTestDraft(SampleProgram(), ExampleCatalog(), options);
}

// The project headers the draft includes, by the path it names them with.
std::vector<std::string> ProjectIncludes(const std::string& draft) {
  const std::string prefix = "#include \"";
  std::vector<std::string> paths;
  for (size_t start = draft.find(prefix); start != std::string::npos;
       start = draft.find(prefix, start + 1)) {
    const size_t begin = start + prefix.size();
    paths.push_back(draft.substr(begin, draft.find('"', begin) - begin));
  }
  return paths;
}

// A draft is pasted beside the code and compiled as it is: every header it names must be
// where it says (found when the catalog's embedding left fixtures/ for embedding/).
TEST(TestForm, IncludesOnlyHeadersThatExist) {
  const std::vector<std::string> includes = ProjectIncludes(SampleDraft());
  ASSERT_FALSE(includes.empty());
  for (const std::string& path : includes) {
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(GCFUZZ_SOURCE_DIR) / path))
        << path;
  }
}

TEST(TestForm, ArmsTheDefectsAndExpectsTheOutput) {
  const std::string draft = SampleDraft();
  EXPECT_EQ(draft.rfind("// found by graph_fuzzer\n", 0), 0u) << draft;
  EXPECT_NE(draft.find("TEST(GcfuzzRegressionDeathTest, ClearThenDealloc)"), std::string::npos);
  EXPECT_NE(draft.find("ArmDefects(\"clear-then-dealloc-uses-field,dealloc-no-untrack\")"),
            std::string::npos);
  EXPECT_NE(draft.find("\"SUMMARY: gcfuzz: leak\");"), std::string::npos);
  EXPECT_NE(draft.find("//   n0 = Slotted()\n"), std::string::npos) << draft;
}

}  // namespace
}  // namespace gcfuzz::gen
