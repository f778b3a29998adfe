"""Aborts that code written in another language prints just before the process dies:

- a Rust panic where it cannot unwind (PyO3 aborts on a panic inside `__traverse__`, and
  Rust aborts on a panic in a destructor during cleanup);
- a C++ exception that reaches std::terminate (thrown out of a slot of a pybind11 or
  nanobind class, through the interpreter's C frames).

The process then dies of SIGABRT, which libFuzzer reports as a bare deadly signal. The text
printed before it is what tells two such findings apart, so it becomes the finding's oracle
(findings.py) and a SUMMARY line of the run (libfuzzer_log.py):

    Rust panic: cells::Cell is unsendable, but sent to another thread!
    C++ terminate: pybind11::cast_error: Unable to cast Python instance to C++ type

The first panic is the cause: the ones after it ("uncaught panic inside __traverse__
handler", "panic in a destructor during cleanup") are how the runtime ended the process. The
message is normalized so that it does not depend on the run (thread ids, addresses) or on
the rustc version (an assert_eq!'s wording and its left/right values).
"""
import re

# rustc >= 1.73: `thread 'NAME' (TID) panicked at FILE:LINE:COL:`, then the message: its
# first line, and the indented lines after it (an assert_eq!'s left and right).
_PANIC_NEW = re.compile(r"^thread '[^']*'(?: \(\d+\))? panicked at (\S+?):\d+:\d+:\n"
                        r"(.+(?:\n[ \t].*)*)", re.M)
# Older: `thread 'NAME' panicked at 'MESSAGE', FILE:LINE:COL` (MESSAGE may span lines).
_PANIC_OLD = re.compile(r"^thread '[^']*' panicked at '(.*?)', (\S+?):\d+:\d+$", re.M | re.S)
# libstdc++ and libc++abi.
_TERMINATE = re.compile(
    r"^terminate called after throwing an instance of '([^']+)'\n\s*what\(\):\s*(.*)$|"
    r"^libc\+\+abi: terminating due to uncaught exception of type (\S+?): (.*)$|"
    r"^(terminate called without an active exception|terminate called recursively|"
    r"libc\+\+abi: terminating)$", re.M)

_ASSERTION = re.compile(r"^assertion (?:failed: `\(.*?\)`|`.*?` failed):?\s*")
_LEFT_RIGHT = re.compile(r"\s*left: .*?,?\s+right: \S+?(?::\s|$)")
_RUN_DEPENDENT = [(re.compile(r"ThreadId\(\d+\)"), "ThreadId(N)"),
                  (re.compile(r"0x[0-9a-fA-F]+"), "0x...")]


def _normalized(message):
    text = " ".join(message.split())
    text = _LEFT_RIGHT.sub(" ", text).strip()
    text = _ASSERTION.sub("", text).strip()
    for pattern, replacement in _RUN_DEPENDENT:
        text = pattern.sub(replacement, text)
    return text


def _first_panic(output):
    found = []
    for pattern, message_group in ((_PANIC_NEW, 2), (_PANIC_OLD, 1)):
        match = pattern.search(output)
        if match:
            found.append((match.start(), match.group(message_group)))
    return min(found)[1] if found else None


def find(output):
    """(kind, message) of the first foreign abort in `output`: kind "Rust panic" or
    "C++ terminate"; None when there is none."""
    panic = _first_panic(output)
    terminate = _TERMINATE.search(output)
    if panic is not None and (terminate is None or output.find(panic) < terminate.start()):
        return "Rust panic", _normalized(panic) or "(no message)"
    if terminate is None:
        return None
    if terminate.group(1):
        return "C++ terminate", _normalized("%s: %s" % (terminate.group(1), terminate.group(2)))
    if terminate.group(3):
        return "C++ terminate", _normalized("%s: %s" % (terminate.group(3), terminate.group(4)))
    return "C++ terminate", terminate.group(5)
