// Running code with the GIL held: the one way the rest of gcfuzz enters the interpreter.
#pragma once

#include <Python.h>

#include <utility>

namespace gcfuzz::host {

// Holds the GIL for its lifetime, from any thread (PyGILState_Ensure creates a thread state
// for a thread the interpreter has not seen). Nestable, and nearly free on the host thread,
// which already holds it.
class GilScope {
 public:
  GilScope() : state_(PyGILState_Ensure()) {}
  ~GilScope() { PyGILState_Release(state_); }
  GilScope(const GilScope&) = delete;
  GilScope& operator=(const GilScope&) = delete;

 private:
  PyGILState_STATE state_;
};

// Lends the GIL out for its lifetime: the host thread (which otherwise always holds it) uses
// this while it waits for another thread that needs the interpreter.
class GilLentOut {
 public:
  GilLentOut() : saved_(PyEval_SaveThread()) {}
  ~GilLentOut() { PyEval_RestoreThread(saved_); }
  GilLentOut(const GilLentOut&) = delete;
  GilLentOut& operator=(const GilLentOut&) = delete;

 private:
  PyThreadState* saved_;
};

// Runs fn() with the GIL held and returns what it returns.
template <typename Fn>
decltype(auto) WithGil(Fn&& fn) {
  GilScope gil;
  return std::forward<Fn>(fn)();
}

}  // namespace gcfuzz::host
