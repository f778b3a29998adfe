#include "host/python_error.h"

#include <Python.h>
#include <cstdio>
#include <cstdlib>

namespace gcfuzz::host {

namespace {

std::string ToText(PyObject* object) {
  if (object == nullptr) return "";
  PyObject* text = PyObject_Str(object);
  if (text == nullptr) {
    PyErr_Clear();
    return "<unprintable>";
  }
  const char* utf8 = PyUnicode_AsUTF8(text);
  std::string result = utf8 ? utf8 : "<unprintable>";
  if (utf8 == nullptr) PyErr_Clear();
  Py_DECREF(text);
  return result;
}

}  // namespace

std::string TakePythonError() {
  if (!PyErr_Occurred()) return "";
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  std::string text;
  PyObject* module = PyImport_ImportModule("traceback");
  PyObject* lines = module ? PyObject_CallMethod(module, "format_exception", "OOO", type,
                                                 value ? value : Py_None,
                                                 traceback ? traceback : Py_None)
                           : nullptr;
  if (lines != nullptr && PyList_Check(lines)) {
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); ++i) text += ToText(PyList_GET_ITEM(lines, i));
  } else {
    PyErr_Clear();
    text = ToText(type) + ": " + ToText(value) + "\n";
  }
  Py_XDECREF(lines);
  Py_XDECREF(module);
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(traceback);
  return text;
}

std::string LastLine(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.substr(text.find_last_of('\n') + 1);
}

}  // namespace gcfuzz::host
