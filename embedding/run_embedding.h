// What a fuzz target runs: the fixture catalog, or a user's module when the CLI asked for
// module mode ($GCFUZZ_MODULE_PLAN, embedding/module_embedding.h).
#pragma once

#include "embedding/catalog_embedding.h"
#include "embedding/module_embedding.h"

namespace gcfuzz::embedding {

inline exec::ExecutorOptions ExecutorOptionsForThisRun() {
  return module_mode::Requested() ? module_mode::ExecutorOptionsForModule()
                                  : fixtures::ExecutorOptionsForCatalog();
}

}  // namespace gcfuzz::embedding
