#include "bench/collection.h"

#include <time.h>

#include <chrono>

#include "bench/measurement_policy.h"
#include "host/python_error.h"

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

// The thread's own CPU time: it stops while another process (or, with paravirtual steal
// accounting, another guest) has the CPU, which the wall clock does not. More exact than
// counting involuntary context switches, which also counts switches of a few microseconds.
double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

}  // namespace

bool TimedCollect(int generation, Collection* out, std::string* error) {
  Collector& collector = TheCollector();
  if (collector.collect == nullptr) {
    *error = "gc.collect unavailable: " + host::TakePythonError();
    return false;
  }
  PyObject* args = collector.args[generation];
  // The CPU clock outside the wall clock: its own cost stays out of the pause.
  double cpu_start = ThreadCpuSeconds();
  auto start = std::chrono::steady_clock::now();
  PyObject* result = PyObject_Call(collector.collect, args, nullptr);
  auto stop = std::chrono::steady_clock::now();
  double cpu_stop = ThreadCpuSeconds();
  if (result == nullptr) {
    *error = "gc.collect raised: " + host::TakePythonError();
    return false;
  }
  out->seconds = std::chrono::duration<double>(stop - start).count();
  out->cpu_seconds = cpu_stop - cpu_start;
  out->preempted = Disturbed(out->seconds, out->cpu_seconds);
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
