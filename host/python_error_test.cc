#include "host/python_error.h"

#include <gtest/gtest.h>

#include "host/gil.h"
#include "host/interpreter.h"

namespace gcfuzz::host {
namespace {

TEST(PythonError, TakePythonErrorFormatsAndClears) {
  EnsureInterpreter();
  WithGil([] {
    EXPECT_EQ(TakePythonError(), "");
    PyErr_SetString(PyExc_ValueError, "bad slot");
    std::string text = TakePythonError();
    EXPECT_NE(text.find("ValueError: bad slot"), std::string::npos) << text;
    EXPECT_EQ(PyErr_Occurred(), nullptr);
  });
}

}  // namespace
}  // namespace gcfuzz::host
