// The baseline for the host's cost: the least a target can do per input on the same
// interpreter, one PyGC_Collect() with the GIL held throughout. The interpreter is started
// by hand with what makes the two comparable, and nothing else: objects in malloc as under
// the host (pymalloc's arenas would also hide pointers from LeakSanitizer) and the startup
// heap frozen, so both collections examine the same empty young generation and the
// comparison isolates the host's own per-input work.
#include <Python.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  PyPreConfig preconfig;
  PyPreConfig_InitPythonConfig(&preconfig);
  preconfig.allocator = PYMEM_ALLOCATOR_MALLOC;
  Py_PreInitialize(&preconfig);
  Py_InitializeEx(0);
  PyObject* gc = PyImport_ImportModule("gc");
  PyObject* result = PyObject_CallMethod(gc, "freeze", nullptr);
  Py_XDECREF(result);
  Py_XDECREF(gc);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) {
  PyGC_Collect();
  return 0;
}
