#include "host/input_runner.h"

#include <Python.h>

#include <vector>

#include "host/gil.h"
#include "host/progress.h"
#include "host/python_error.h"
#include "report/finding.h"
#include "report/report.h"

namespace gcfuzz::host {
namespace {

std::vector<AfterInputCheck>& Checks() {
  static std::vector<AfterInputCheck> checks;
  return checks;
}

}  // namespace

void AddAfterInputCheck(AfterInputCheck check) { Checks().push_back(std::move(check)); }

void RunInput(const std::function<void()>& body) {
  GilScope gil;
  RunInputHoldingGil(body);
}

void RunInputHoldingGil(const std::function<void()>& body) {
  body();
  if (PyErr_Occurred()) {
    report::ReportFinding({"unexpected-exception", "", TakePythonError()});
  }
  PyGC_Collect();
  if (PyErr_Occurred()) {
    report::ReportFinding({"unexpected-exception", "", "raised during the final collection:\n" +
                                                   TakePythonError()});
  }
  for (const AfterInputCheck& check : Checks()) {
    if (std::optional<report::Finding> finding = check()) report::ReportFinding(*finding);
  }
  CountInputForProgress();
}

}  // namespace gcfuzz::host
