// Which operation of which program is running, for report/context.h: the executor notes
// each operation before it runs it (and the final step), so a finding's report names the
// operation that failed. A note is two stores; the text is made only when a report asks.
#pragma once

#include "generators/kind_catalog.h"
#include "generators/program.h"

namespace gcfuzz::exec {

// `index` into program.ops; both must outlive the run (they are the run's own).
void NoteOperation(const gen::Program& program, int index, const gen::KindCatalog& catalog);
void NoteFinalStep();

// The catalog is going away (its interpreter's fixture adapter is destroyed, at a restart or
// the end of a subinterpreter, while the operation is still running): a report made after
// that names the operation without its text instead of reading freed memory, which ASan
// would call a nested bug, aborting before libFuzzer saves the input.
void ForgetCatalog(const gen::KindCatalog& catalog);

}  // namespace gcfuzz::exec
