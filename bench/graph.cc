#include "bench/graph.h"

#include <utility>

#include "bench/embedded_python.h"
#include "host/python_error.h"

namespace gcfuzz::bench {

Graph& Graph::operator=(Graph&& other) noexcept {
  if (this != &other) {
    Release();
    holder_ = std::exchange(other.holder_, nullptr);
    keepalive_ = std::exchange(other.keepalive_, nullptr);
    objects_ = other.objects_;
    edges_ = other.edges_;
  }
  return *this;
}

bool Graph::Build(const GraphSpec& spec, std::string* error) {
  Release();
  PyObject* result = PyObject_CallMethod(GraphsModule(), "build", "ssli", spec.shape.c_str(),
                                         spec.kind.c_str(), spec.size, spec.alive ? 1 : 0);
  if (result == nullptr || !PyArg_ParseTuple(result, "llOO", &objects_, &edges_, &keepalive_,
                                             &holder_)) {
    Py_XDECREF(result);
    holder_ = keepalive_ = nullptr;
    *error = "graphs.build(" + spec.shape + ", " + spec.kind + ") failed: " +
             host::TakePythonError();
    return false;
  }
  Py_INCREF(holder_);
  Py_INCREF(keepalive_);
  Py_DECREF(result);
  return true;
}

void Graph::DropHolder() { Py_CLEAR(holder_); }

void Graph::Release() {
  Py_CLEAR(holder_);
  Py_CLEAR(keepalive_);
}

}  // namespace gcfuzz::bench
