// Running code with the GIL held: the one way the rest of gcfuzz enters the interpreter.
#pragma once

#include <Python.h>

#include <utility>

namespace gcfuzz::host {

// Holds the GIL for its lifetime, from any thread (PyGILState_Ensure creates a thread state
// for a thread the interpreter has not seen). Nestable.
class GilScope {
 public:
  GilScope() : state_(PyGILState_Ensure()) {}
  ~GilScope() { PyGILState_Release(state_); }
  GilScope(const GilScope&) = delete;
  GilScope& operator=(const GilScope&) = delete;

 private:
  PyGILState_STATE state_;
};

// Runs fn() with the GIL held and returns what it returns.
template <typename Fn>
decltype(auto) WithGil(Fn&& fn) {
  GilScope gil;
  return std::forward<Fn>(fn)();
}

}  // namespace gcfuzz::host
