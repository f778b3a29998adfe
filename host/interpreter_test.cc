#include "host/interpreter.h"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

#include "host/gil.h"
#include "host/sanitizers.h"

#ifdef GCFUZZ_HAS_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/lsan_interface.h>
#endif

namespace gcfuzz::host {
namespace {

long CallGcInt(const char* method) {
  return WithGil([&] {
    PyObject* gc = PyImport_ImportModule("gc");
    PyObject* result = PyObject_CallMethod(gc, method, nullptr);
    long value = result ? PyLong_AsLong(result) : -1;
    Py_XDECREF(result);
    Py_DECREF(gc);
    return value;
  });
}

TEST(Interpreter, StartsOnceAndTheHostThreadKeepsTheGil) {
  EnsureInterpreter();
  EnsureInterpreter();
  EXPECT_TRUE(InterpreterStarted());
  EXPECT_TRUE(Py_IsInitialized());
  EXPECT_TRUE(OnHostThread());
  EXPECT_TRUE(PyGILState_Check()) << "the host thread holds the GIL between inputs";
}

TEST(Interpreter, FreezesTheStartupHeap) {
  EnsureInterpreter();
  EXPECT_GT(CallGcInt("get_freeze_count"), 1000) << "startup objects should be frozen";
  // Nothing the interpreter made at start-up is left for a collection to examine.
  long collected = WithGil([] { return static_cast<long>(PyGC_Collect()); });
  EXPECT_EQ(collected, 0);
}

TEST(Interpreter, FreedObjectsArePoisonedUnderAsan) {
  EnsureInterpreter();
  if (!kAddressSanitizer) GTEST_SKIP() << "needs an ASan build";
#ifdef GCFUZZ_HAS_ASAN
  // Under pymalloc a freed small object stays in an unpoisoned arena and is recycled;
  // routed to malloc, ASan quarantines it, so a later read is a report.
  bool poisoned = WithGil([] {
    PyObject* object = PyBytes_FromStringAndSize(nullptr, 100);  // bytes: no free list
    void* address = object;
    Py_DECREF(object);
    return __asan_address_is_poisoned(address) != 0;
  });
  EXPECT_TRUE(poisoned) << "allocator " << AllocatorName();
#endif
}

#ifdef GCFUZZ_HAS_ASAN
// LeakSanitizer must be on in every gcfuzz binary: a block the interpreter's allocator hands
// out and nobody references is reported.
TEST(InterpreterDeathTest, LeakSanitizerIsOn) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        EnsureInterpreter();
        for (int i = 0; i < 16; ++i) {
          void* block = PyMem_RawMalloc(4096 + i);
          std::memset(block, 0, 4096);
          block = nullptr;
        }
        std::_Exit(__lsan_do_recoverable_leak_check() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "LeakSanitizer: detected memory leaks");
}
#endif

TEST(Interpreter, IsIsolatedWithoutSiteOrSignalHandlers) {
  EnsureInterpreter();
  WithGil([] {
    PyObject* modules = PyImport_GetModuleDict();
    EXPECT_EQ(PyDict_GetItemString(modules, "site"), nullptr);
    PyObject* sys = PyImport_ImportModule("sys");
    PyObject* flags = PyObject_GetAttrString(sys, "flags");
    PyObject* isolated = PyObject_GetAttrString(flags, "isolated");
    EXPECT_EQ(PyLong_AsLong(isolated), 1);
    Py_DECREF(isolated);
    Py_DECREF(flags);
    Py_DECREF(sys);
  });
}

TEST(Interpreter, AnyThreadCanTakeTheGilTheHostLendsOut) {
  EnsureInterpreter();
  long from_thread = 0;
  bool worker_on_host_thread = true;
  {
    GilLentOut lent;
    std::thread worker([&] {
      worker_on_host_thread = OnHostThread();
      from_thread = WithGil([] { return static_cast<long>(PyGC_Collect()) + 7; });
    });
    worker.join();
  }
  EXPECT_TRUE(PyGILState_Check());
  EXPECT_FALSE(worker_on_host_thread);
  EXPECT_EQ(from_thread, 7);
}

}  // namespace
}  // namespace gcfuzz::host
