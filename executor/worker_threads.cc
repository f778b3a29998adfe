#include "executor/worker_threads.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "host/gil.h"
#include "report/finding.h"
#include "report/report.h"

namespace gcfuzz::exec {

namespace {

// Far above any operation (the deepest chain takes under a second); far below libFuzzer's
// own -timeout, so a hang is reported as what it is.
constexpr std::chrono::seconds kDeadline{30};

}  // namespace

struct WorkerThreads::Worker {
  int number = 0;
  std::thread thread;
  std::mutex mutex;
  std::condition_variable wake;  // the host to the worker: a job, or stop
  std::condition_variable done;  // the worker to the host: ready, or the job finished
  const std::function<void()>* job = nullptr;
  bool ready = false;
  bool finished = false;
  bool stop = false;
};

WorkerThreads::WorkerThreads(int count) {
  for (int number = 1; number <= count; ++number) {
    auto worker = std::make_unique<Worker>();
    worker->number = number;
    workers_.push_back(std::move(worker));
  }
  // The workers attach (PyGILState_Ensure) while the host lends the GIL out.
  host::GilLentOut lent;
  for (auto& worker : workers_) {
    worker->thread = std::thread(Main, worker.get());
    std::unique_lock<std::mutex> lock(worker->mutex);
    worker->done.wait(lock, [&] { return worker->ready; });
  }
}

WorkerThreads::~WorkerThreads() { Stop(); }

void WorkerThreads::Stop() {
  for (auto& worker : workers_) {
    {
      std::lock_guard<std::mutex> lock(worker->mutex);
      worker->stop = true;
    }
    worker->wake.notify_one();
  }
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

void WorkerThreads::Main(Worker* worker) {
  PyGILState_Ensure();  // a thread state of its own, kept for the life of the process
  PyThreadState* state = PyEval_SaveThread();
  std::unique_lock<std::mutex> lock(worker->mutex);
  worker->ready = true;
  worker->done.notify_one();
  for (;;) {
    worker->wake.wait(lock, [&] { return worker->stop || worker->job != nullptr; });
    if (worker->stop) return;  // no interpreter calls: the process may be exiting
    const std::function<void()>* job = worker->job;
    lock.unlock();
    PyEval_RestoreThread(state);
    (*job)();
    state = PyEval_SaveThread();
    lock.lock();
    worker->job = nullptr;
    worker->finished = true;
    worker->done.notify_one();
  }
}

void WorkerThreads::Hand(Worker& worker, const std::function<void()>& job) {
  std::lock_guard<std::mutex> lock(worker.mutex);
  worker.finished = false;
  worker.job = &job;
  worker.wake.notify_one();
}

void WorkerThreads::AwaitFinished(Worker& worker, const char* why) {
  std::unique_lock<std::mutex> lock(worker.mutex);
  if (!worker.done.wait_for(lock, kDeadline, [&] { return worker.finished; })) {
    report::ReportFinding(report::Finding{
        "deadlock", "",
        "a job on thread " + std::to_string(worker.number) + " did not finish within " +
            std::to_string(kDeadline.count()) + " s; " + why + "\n"});
  }
}

void WorkerThreads::Run(int thread, const std::function<void()>& job) {
  if (thread <= 0 || thread > count()) {
    job();
    return;
  }
  Worker& worker = *workers_[thread - 1];
  host::GilLentOut lent;
  Hand(worker, job);
  AwaitFinished(worker, "lock-step hand-off cannot block, so a fixture or the interpreter is "
                        "waiting forever");
}

void WorkerThreads::RunConcurrently(const std::vector<std::function<void()>>& jobs) {
  const int running = std::min(static_cast<int>(jobs.size()), count());
  host::GilLentOut lent;
  for (int i = 0; i < running; ++i) Hand(*workers_[i], jobs[i]);
  for (int i = 0; i < running; ++i) {
    AwaitFinished(*workers_[i], "the threads share nothing but the GIL and the objects the "
                                "interpreter shares, so a fixture or the interpreter is "
                                "waiting forever");
  }
}

}  // namespace gcfuzz::exec
