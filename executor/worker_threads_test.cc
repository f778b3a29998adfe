#include "executor/worker_threads.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "host/interpreter.h"

namespace gcfuzz::exec {
namespace {

TEST(WorkerThreads, EachJobRunsOnItsThreadWithTheGilInProgramOrder) {
  host::EnsureInterpreter();
  WorkerThreads workers(2);
  ASSERT_EQ(workers.count(), 2);
  const unsigned long host = PyThread_get_thread_ident();
  std::vector<std::pair<int, unsigned long>> ran;  // (thread asked for, thread that ran)
  const int schedule[] = {1, 0, 2, 2, 1, 0, 1, 7};
  for (int thread : schedule) {
    workers.Run(thread, [&, thread] {
      EXPECT_TRUE(PyGILState_Check());
      // The interpreter works: a Python object made and dropped on this thread.
      PyObject* list = PyList_New(0);
      ASSERT_NE(list, nullptr);
      Py_DECREF(list);
      ran.emplace_back(thread, PyThread_get_thread_ident());
    });
  }
  ASSERT_EQ(ran.size(), std::size(schedule));
  std::set<unsigned long> first, second;
  for (size_t i = 0; i < ran.size(); ++i) {
    EXPECT_EQ(ran[i].first, schedule[i]) << "jobs ran out of order";
    if (ran[i].first == 1) first.insert(ran[i].second);
    if (ran[i].first == 2) second.insert(ran[i].second);
    // 0, and numbers above count(), run on the calling (host) thread.
    if (ran[i].first == 0 || ran[i].first == 7) EXPECT_EQ(ran[i].second, host);
  }
  ASSERT_EQ(first.size(), 1u) << "worker 1 is one thread for the life of the pool";
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(*first.begin(), host);
  EXPECT_NE(*second.begin(), host);
  EXPECT_NE(*first.begin(), *second.begin());
  EXPECT_TRUE(PyGILState_Check()) << "the host has the GIL back";
  workers.Stop();
  workers.Stop();  // idempotent
}

}  // namespace
}  // namespace gcfuzz::exec
