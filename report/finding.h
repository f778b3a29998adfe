// A finding: what an oracle saw, named the way every gcfuzz report names it.
#pragma once

#include <string>

namespace gcfuzz::report {

struct Finding {
  // The oracle that fired: "use-after-clear", "traverse-exactness", "leak",
  // "unexpected-exception", ... (sanitizer reports name themselves).
  std::string oracle;
  // The bug class (a defect id of docs/defects.md) when the fixture that fired knows it,
  // empty when it does not.
  std::string bug_class;
  // One or more lines of human-readable detail.
  std::string detail;
};

}  // namespace gcfuzz::report
