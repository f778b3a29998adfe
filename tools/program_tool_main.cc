// gcfuzz_program: what a graph_fuzzer input means, without fuzzing it.
//
//   gcfuzz_program print FILE     the program in text form (generators/text_form.h)
//
// The catalog comes from the fixture module in the embedded interpreter, exactly as the
// fuzzer reads it, so raw inputs decode here to the program the fuzzer ran. Errors are one
// line on stderr and exit status 2 (usage) or 1 (input).
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "executor/executor.h"
#include "fixtures/embedding.h"
#include "generators/fuzz_input.h"
#include "generators/text_form.h"

namespace {

int Usage() {
  std::fprintf(stderr, "usage: gcfuzz_program print FILE\n");
  return 2;
}

bool ReadFile(const char* path, std::vector<uint8_t>* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::strcmp(argv[1], "print") != 0) return Usage();
  std::vector<uint8_t> bytes;
  if (!ReadFile(argv[2], &bytes)) {
    std::fprintf(stderr, "gcfuzz_program: cannot read %s: %s\n", argv[2], std::strerror(errno));
    return 1;
  }
  gcfuzz::exec::Executor& executor =
      gcfuzz::exec::Executor::Start(gcfuzz::fixtures::ExecutorOptionsForCatalog());
  gcfuzz::gen::FuzzInputProgram input =
      gcfuzz::gen::ProgramFromFuzzInput(bytes.data(), bytes.size(), executor.catalog());
  std::printf("# %s: %zu bytes, %s\n", argv[2], bytes.size(),
              input.form == gcfuzz::gen::InputForm::kSerialized ? "serialized program"
                                                                 : "raw bytes, decoded");
  std::fputs(gcfuzz::gen::ToText(input.program, executor.catalog()).c_str(), stdout);
  return 0;
}
