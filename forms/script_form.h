// A program as a standalone Python script: the reproducer `gcfuzz repro --script` writes.
//
// The script imports the fixtures module (`_gcfuzz_fixtures`, built with ASan: run it with
// `./gcfuzz python -- script.py`) and does what the executor (executor/program_run.cc)
// does, in plain Python, so a finding reproduces without the fuzzer:
//   - nodes live in `roots` (the program's root references, by node id) and `trackers`
//     (a weakref to each node that supports one), and `node(i)` finds a node the way the
//     executor's NodeTable does: through its root, else through its weakref;
//   - `run(f, ids...)` is the executor's rule that an operation on a node that is gone, or
//     that does not apply, is a no-op (any exception but SystemError is swallowed);
//   - __del__ and weakref-callback actions are one function per hooked node (hookN), a
//     subclass node gets a class of its own;
//   - operations on thread k run on a worker thread k (one per index, kept for the whole
//     program), the main thread waiting for each, as the executor hands threads the GIL
//     one operation at a time;
//   - the final step, the host's collection, then the leak oracle (fx.check()), whose
//     finding is the script's exit message;
//   - lifecycle programs (lifecycle_fuzzer's): a script cannot finalize its own
//     interpreter, so each session that ends (a subinterpreter, or the main interpreter
//     before a restart) runs in a subinterpreter of the script's (_testcapi.
//     run_in_subinterp) when it ends, all its operations together, with the helpers run
//     there first (they are the PRELUDE text) and what it still holds left to its
//     finalization, as the executor leaves it.
// Helpers the program does not need are left out, so a minimized program gives a short
// script. An operation the script cannot express (an interpreter that is not running, or one
// that does not apply to its node's kind) becomes a comment line saying so, never silently
// nothing.
#pragma once

#include <string>
#include <vector>

#include "generators/kind_catalog.h"
#include "generators/program.h"

namespace gcfuzz::gen {

struct ScriptOptions {
  std::string module = "_gcfuzz_fixtures";
  // Armed with fx.arm("a,b") at the top; empty: nothing armed (GCFUZZ_PLANT still works).
  std::vector<std::string> armed;
  // Comment lines for the top of the script (what the finding is, how to run it).
  std::vector<std::string> header;
  // Module mode (embedding/module_shim.py): these lines import the shim as `fx` instead of
  // `import <module> as fx`, and the fixture protocol is the shim's functions: kinds are
  // fx.kinds.<name>, instances are made by fx.build(cls, *nodes), chains by fx.chain, and
  // slots set and cleared by fx.set_slot(o, i, v) / fx.clear_slot(o, i).
  std::vector<std::string> module_imports;
};

std::string ToScript(const Program& program, const KindCatalog& catalog,
                     const ScriptOptions& options = {});

}  // namespace gcfuzz::gen
