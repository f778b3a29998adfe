#include "host/relocated_home.h"

#include <Python.h>
#include <unistd.h>

#include <climits>
#include <string>

namespace gcfuzz::host {

std::string ExecutablePath() {
  char executable[PATH_MAX];
  const ssize_t length = readlink("/proc/self/exe", executable, sizeof executable - 1);
  return length > 0 ? std::string(executable, static_cast<size_t>(length)) : "";
}

std::string RelocatedHome() {
  const std::string path = ExecutablePath();
  if (path.empty()) return "";
  const std::string home = path.substr(0, path.find_last_of('/')) + "/python";
  const std::string marker = home + "/lib/python" + std::to_string(PY_MAJOR_VERSION) + "." +
                             std::to_string(PY_MINOR_VERSION) + "/os.py";
  return access(marker.c_str(), R_OK) == 0 ? home : "";
}

}  // namespace gcfuzz::host
