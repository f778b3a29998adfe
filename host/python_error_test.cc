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

namespace gcfuzz::host {
namespace {

TEST(LastLine, IsWhatATracebackEndsWith) {
  EXPECT_EQ(LastLine("Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                     "ImportError: once per process\n\n"),
            "ImportError: once per process");
  EXPECT_EQ(LastLine("no newline"), "no newline");
  EXPECT_EQ(LastLine("\n\n"), "");
  EXPECT_EQ(LastLine(""), "");
}

}  // namespace
}  // namespace gcfuzz::host
