// Module mode: a user's extension module wired into the host and the executor in place of
// the fixture catalog (./gcfuzz fuzz --module NAME).
//
// The executor reads any fixture module through its Python API (executor/fixture_adapter.h).
// For a module gcfuzz did not write, that API is provided by a shim compiled into the
// target (embedding/module_shim.py, registered as the builtin module _gcfuzz_module): it
// imports the user's module as the plan in $GCFUZZ_MODULE_PLAN says (written by the CLI
// from ./gcfuzz discover), and holds the oracles for foreign types (traverse exactness,
// leaks, use after clear). A target is in module mode when that variable is set.
#pragma once

#include <string>

#include "executor/executor.h"
#include "host/interpreter.h"

namespace gcfuzz::module_mode {

// The environment variable that names the plan file and switches a target to module mode.
inline constexpr char kPlanVariable[] = "GCFUZZ_MODULE_PLAN";
inline constexpr char kShimModuleName[] = "_gcfuzz_module";

// Module mode: GCFUZZ_MODULE_PLAN names a plan, or a plan lies beside the executable
// (<executable>.module; the variable is then set to it, for the shim).
bool Requested();

// The shim as a builtin module (multi-phase initialisation, so every interpreter of the
// lifecycle target executes it anew).
host::BuiltinModule ShimModule();

// What a fuzzer passes to exec::Executor::Start in module mode: the shim as the fixture
// module, its leak and traverse-exactness findings as an after-input check.
exec::ExecutorOptions ExecutorOptionsForModule();

// Why the module cannot be used in a subinterpreter (its import there fails: single-phase
// init refused, a binding that allows one interpreter), or "" when it can. Starts one and
// ends it; needs the GIL, in the main interpreter.
std::string SubinterpreterRefusal();

}  // namespace gcfuzz::module_mode
