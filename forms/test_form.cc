#include "forms/test_form.h"

#include <cstdio>
#include <string>

#include "forms/text_form.h"
#include "generators/serialize.h"

namespace gcfuzz::gen {
namespace {

std::string CppString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string ToTestDraft(const Program& program, const KindCatalog& catalog,
                        const TestDraftOptions& options) {
  std::string out;
  for (const std::string& line : options.header) out += "// " + line + "\n";
  out += "#include <gtest/gtest.h>\n\n"
         "#include <cstdint>\n\n"
         "#include \"embedding/catalog_embedding.h\"\n"
         "#include \"executor/executor.h\"\n"
         "#include \"fixtures/defects.h\"\n"
         "#include \"generators/serialize.h\"\n\n"
         "namespace {\n\n";
  out += "// The program, serialized (generators/serialize.h):\n";
  std::string text = ToText(program, catalog);
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    out += "//   " + text.substr(start, end - start) + "\n";
    start = end == std::string::npos ? text.size() : end + 1;
  }
  out += "constexpr uint8_t kProgram[] = {";
  const std::vector<uint8_t> bytes = Serialize(program, catalog);
  for (size_t i = 0; i < bytes.size(); ++i) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", bytes[i]);
    out += (i % 12 == 0 ? "\n    " : " ") + std::string(hex) + ",";
  }
  out += "\n};\n\n";
  std::string armed;
  for (const std::string& id : options.armed) armed += (armed.empty() ? "" : ",") + id;
  out += "TEST(GcfuzzRegressionDeathTest, " + options.test_name + ") {\n"
         "  GTEST_FLAG_SET(death_test_style, \"threadsafe\");\n"
         "  EXPECT_DEATH(\n"
         "      {\n"
         "        gcfuzz::exec::Executor& executor =\n"
         "            gcfuzz::exec::Executor::Start(gcfuzz::fixtures::ExecutorOptionsForCatalog());\n"
         "        gcfuzz::gen::ParseResult parsed =\n"
         "            gcfuzz::gen::Parse(kProgram, sizeof kProgram, executor.catalog());\n"
         "        if (!parsed.program) std::abort();\n"
         "        gcfuzz::fixtures::ArmDefects(" + CppString(armed) + ");\n"
         "        executor.RunInput(*parsed.program);\n"
         "        std::exit(0);  // no finding: the death expectation fails\n"
         "      },\n"
         "      " + CppString(options.expected_output) + ");\n"
         "}\n\n"
         "}  // namespace\n";
  return out;
}

}  // namespace gcfuzz::gen
