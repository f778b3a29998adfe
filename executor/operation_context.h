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

}  // namespace gcfuzz::exec
