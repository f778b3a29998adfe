// A question about the process that is answered by doing something that cannot be undone
// (finalizing the runtime, importing a module again): asked in a forked child, so that the
// process asking is left as it was.
//
//   std::optional<std::string> answer = host::AskForkedChild([] { return Try(); });
//
// The child's stdout and stderr go to /dev/null (a sanitizer report or a finding there is
// not the caller's), and it ends with _exit: no atexit handler, no libFuzzer summary.
// Call it before any thread starts (fork copies only the calling thread).
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace gcfuzz::host {

// What `question` returned in the child, or nullopt when the child did not answer: it
// crashed, was killed, or fork failed.
std::optional<std::string> AskForkedChild(const std::function<std::string()>& question);

}  // namespace gcfuzz::host
