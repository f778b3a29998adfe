// A program as a GoogleTest regression-test draft: `gcfuzz repro --test`. The draft embeds
// the serialized program (so it survives catalog reordering, serialize.h), its text form as
// a comment, arms the defect and expects the process to die with the finding's SUMMARY.
// It is a draft: a person names it and puts it beside the code it guards.
#pragma once

#include <string>
#include <vector>

#include "generators/kind_catalog.h"
#include "generators/program.h"

namespace gcfuzz::gen {

struct TestDraftOptions {
  std::string test_name = "Reproduces";  // a C++ identifier
  std::vector<std::string> armed;
  // A regular expression the death output must match (the SUMMARY line, usually).
  std::string expected_output;
  std::vector<std::string> header;  // comment lines
};

std::string ToTestDraft(const Program& program, const KindCatalog& catalog,
                        const TestDraftOptions& options);

}  // namespace gcfuzz::gen
