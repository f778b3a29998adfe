#include "host/interpreter.h"

#include <mutex>
#include <string>
#include <thread>

#include "host/gil.h"
#include "host/python_error.h"
#include "host/relocated_home.h"
#include "host/sanitizers.h"
#include "report/setup_failure.h"

namespace gcfuzz::host {
namespace {

std::once_flag g_started_once;
bool g_started = false;
std::thread::id g_host_thread;
const char* g_allocator = "default";

[[noreturn]] void Fail(const char* what, const PyStatus& status) {
  throw report::SetupError(std::string("cannot start the embedded interpreter: ") + what + ": " +
                           (status.err_msg ? status.err_msg : "unknown error"));
}

void PreInitialize() {
  PyPreConfig preconfig;
  PyPreConfig_InitIsolatedConfig(&preconfig);
  // Under ASan every object must come from malloc so that a freed object is quarantined and
  // poisoned, not recycled by pymalloc's arenas where a use-after-free reads a new object.
  // A Py_DEBUG build keeps its debug hooks on top (they catch API misuse such as calling
  // without the GIL). Without ASan the release allocator stays: benchmarks measure the
  // interpreter users run.
  if (kAddressSanitizer) {
#ifdef Py_DEBUG
    preconfig.allocator = PYMEM_ALLOCATOR_MALLOC_DEBUG;
    g_allocator = "malloc_debug";
#else
    preconfig.allocator = PYMEM_ALLOCATOR_MALLOC;
    g_allocator = "malloc";
#endif
  }
  PyStatus status = Py_PreInitialize(&preconfig);
  if (PyStatus_Exception(status)) Fail("Py_PreInitialize", status);
}

void Initialize() {
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.install_signal_handlers = 0;  // libFuzzer and the sanitizers own the signals
  config.site_import = 0;
  config.user_site_directory = 0;
  config.write_bytecode = 0;
  config.parse_argv = 0;
  if (const std::string home = RelocatedHome(); !home.empty()) {
    PyStatus set = PyConfig_SetBytesString(&config, &config.home, home.c_str());
    if (PyStatus_Exception(set)) {
      PyConfig_Clear(&config);
      Fail("PyConfig.home", set);
    }
  }
  PyStatus status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) Fail("Py_InitializeFromConfig", status);
}

void ImportOrDie(const char* name) {
  PyObject* module = PyImport_ImportModule(name);
  if (module == nullptr) {
    throw report::SetupError(std::string("cannot import ") + name + " into the embedded interpreter",
                             TakePythonError());
  }
  Py_DECREF(module);
}


InterpreterOptions g_options;  // what Start() was given, for InitializeAgain()

void ImportAndFreeze(const InterpreterOptions& options) {
  for (const BuiltinModule& module : options.builtin_modules) ImportOrDie(module.name);
  if (options.freeze_startup_heap) FreezeHeap();
}

void Start(const InterpreterOptions& options) {
  g_options = options;
  for (const BuiltinModule& module : options.builtin_modules) {
    if (PyImport_AppendInittab(module.name, module.init) != 0) {
      throw report::SetupError(std::string("cannot register builtin module ") + module.name);
    }
  }
  PreInitialize();
  Initialize();
  for (const BuiltinModule& module : options.builtin_modules) ImportOrDie(module.name);
  if (options.freeze_startup_heap) FreezeHeap();
  // The thread that started the interpreter (the host thread: libFuzzer's) keeps the GIL
  // between inputs, so an input costs no GIL hand-off at all; other threads get it only
  // when the host thread lends it explicitly (GilLentOut), which is how runs stay replayable.
  g_host_thread = std::this_thread::get_id();
  g_started = true;
}

}  // namespace

void InitializeAgain() {
  // Py_FinalizeEx resets the runtime's pre-configuration on 3.11+ (the allocator among it):
  // pre-initialize again, with the same allocator, before initializing.
  PreInitialize();
  Initialize();
  ImportAndFreeze(g_options);
}

void EnsureInterpreter(const InterpreterOptions& options) {
  std::call_once(g_started_once, [&] { Start(options); });
}

void FreezeHeap() {
  PyObject* gc = PyImport_ImportModule("gc");
  PyObject* result = gc ? PyObject_CallMethod(gc, "collect", nullptr) : nullptr;
  Py_XDECREF(result);
  result = gc ? PyObject_CallMethod(gc, "freeze", nullptr) : nullptr;
  if (result == nullptr) throw report::SetupError("gc.freeze() failed", TakePythonError());
  Py_DECREF(result);
  Py_DECREF(gc);
}

bool InterpreterStarted() { return g_started; }

bool OnHostThread() { return g_started && std::this_thread::get_id() == g_host_thread; }

const char* AllocatorName() { return g_allocator; }

}  // namespace gcfuzz::host
