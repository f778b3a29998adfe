// Findings are report::Finding (report/finding.h); the host names them as its own.
#pragma once

#include "report/finding.h"

namespace gcfuzz::host {

using Finding = report::Finding;

}  // namespace gcfuzz::host
