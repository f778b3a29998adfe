// The worker threads of programs whose operations run on several threads (threads_fuzzer).
//
// Created once per process and asleep between inputs, each attached to the interpreter with
// a thread state of its own. Lock-step: the host thread hands one job at a time to one
// worker, lends it the GIL, and waits until the job is done; so exactly one thread runs an
// operation at a time, in program order, and the GIL changes hands only by this explicit
// hand-off (nobody else wants it while the host waits), never by the switch interval. A
// program therefore replays identically, whichever thread runs which operation.
#pragma once

#include <Python.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace gcfuzz::exec {

class WorkerThreads {
 public:
  // Starts `count` workers, numbered 1..count (0 is the host thread). Called on the host
  // thread with the GIL held; returns when every worker is attached and asleep.
  explicit WorkerThreads(int count);
  // Stops and joins every worker: none outlives its owner, or the process (see Stop()).
  ~WorkerThreads();
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  int count() const { return static_cast<int>(workers_.size()); }

  // Runs job() on worker `thread` (1..count), with the GIL held by that worker, while the
  // calling host thread waits with the GIL lent out. Thread 0 (or a number above count())
  // runs job() on the calling thread. A job that does not finish within the deadline is a
  // deadlock: reported as a finding (the process ends).
  void Run(int thread, const std::function<void()>& job);

  // Free-running (stress_fuzzer): jobs[i] on worker i + 1, all started at once; they take
  // the GIL from one another as the interpreter's switch interval decides. Returns when
  // every job is done (the same deadline per job as Run()). At most count() jobs.
  void RunConcurrently(const std::vector<std::function<void()>>& jobs);

  // Wakes every worker to exit and joins them, without touching the interpreter (they give
  // up their thread states with the process). Safe to call more than once; called at exit.
  void Stop();

 private:
  struct Worker;
  static void Main(Worker* worker);
  static void Hand(Worker& worker, const std::function<void()>& job);
  static void AwaitFinished(Worker& worker, const char* why);

  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace gcfuzz::exec
