#include "bench/collection.h"

#include <sys/resource.h>

#include <chrono>

#include "host/report.h"

namespace gcfuzz::bench {
namespace {

// gc.collect and its argument tuples, looked up once so the timed region holds the call
// and nothing else.
struct Collector {
  PyObject* collect = nullptr;
  PyObject* args[kOldestGeneration + 1] = {};

  Collector() {
    PyObject* gc = PyImport_ImportModule("gc");
    collect = gc ? PyObject_GetAttrString(gc, "collect") : nullptr;
    Py_XDECREF(gc);
    for (int generation = 0; generation <= kOldestGeneration; ++generation) {
      args[generation] = Py_BuildValue("(i)", generation);
    }
  }
};

Collector& TheCollector() {
  static Collector collector;  // needs the interpreter: built on first use
  return collector;
}

long InvoluntarySwitches() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_nivcsw;
}

}  // namespace

bool TimedCollect(int generation, Collection* out, std::string* error) {
  Collector& collector = TheCollector();
  if (collector.collect == nullptr) {
    *error = "gc.collect unavailable: " + host::TakePythonError();
    return false;
  }
  PyObject* args = collector.args[generation];
  long switches = InvoluntarySwitches();
  auto start = std::chrono::steady_clock::now();
  PyObject* result = PyObject_Call(collector.collect, args, nullptr);
  auto stop = std::chrono::steady_clock::now();
  out->preempted = InvoluntarySwitches() != switches;
  if (result == nullptr) {
    *error = "gc.collect raised: " + host::TakePythonError();
    return false;
  }
  out->seconds = std::chrono::duration<double>(stop - start).count();
  out->collected = PyLong_AsSsize_t(result);
  Py_DECREF(result);
  return true;
}

void CollectFully() {
  Collection ignored;
  std::string error;
  TimedCollect(kOldestGeneration, &ignored, &error);
}

}  // namespace gcfuzz::bench
