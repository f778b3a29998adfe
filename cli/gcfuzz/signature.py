"""A finding's signature, for deduplication: what failed, where in the fixtures, during which
operation. Stable across runs and across programs that hit the same bug: no addresses, no
PIDs, no operation indices or node numbers.

    AddressSanitizer: heap-use-after-free [clear-then-dealloc-uses-field] ContextRelease < FreeCState < TearDown @ final-step

- the oracle and the bug class, as findings.classify() reads them;
- up to three frames of the report's first stack that are in the fixtures (fixtures/*.cc,
  *.h): past the sanitizer runtime, the interpreter (the collector's visit_decref,
  subtract_refs, delete_garbage...), libFuzzer and the executor. Function names only
  (namespaces and parameters go), each once. `-` when the oracle prints no stack (leak,
  traverse-exactness);
- the kind of the failing operation, from the executor's `gcfuzz: during operation #7
  (drop-root): ...` line (report/context.h); `?` when the output has none.
"""
import re

from . import findings

_FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ in (.+?) (\S+?):\d+(?::\d+)?\s*$")
FIXTURE_FILE = re.compile(r"(^|/)fixtures/[^/]+\.(cc|h)$")
_DURING = re.compile(r"^gcfuzz: during (?:operation #\d+ \(([a-z-]+)\)|the final step \(([a-z-]+)\))")
# Only a sanitizer's report has a stack of the failure; a gcfuzz oracle's report is
# followed by libFuzzer's deadly-signal stack of the abort, which says nothing.
# (UBSan's "FILE:LINE:COL: runtime error:", not Rust's "fatal runtime error:".)
STACK_START = re.compile(r"ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer)|"
                          r"(?<!fatal )runtime error:")
MAX_FRAMES = 3


def function_name(symbol):
    """`gcfuzz::fixtures::(anonymous namespace)::FreeCState(gcfuzz::...*)` -> `FreeCState`."""
    depth, cut = 0, len(symbol)
    # Drop the parameter list: the last balanced (...) at the end.
    if symbol.endswith(")") or symbol.endswith(") const"):
        end = symbol.rfind(")")
        for i in range(end, -1, -1):
            if symbol[i] == ")":
                depth += 1
            elif symbol[i] == "(":
                depth -= 1
                if depth == 0:
                    cut = i
                    break
    name = symbol[:cut]
    name = re.sub(r"<[^<>]*>", "", re.sub(r"<[^<>]*>", "", name))  # template arguments
    return name.split("::")[-1].strip() or symbol


def fixture_frames(output):
    """Function names of the first stack's frames in fixtures/, innermost first."""
    frames, in_stack, started = [], False, False
    for line in output.splitlines():
        if not started:
            started = bool(STACK_START.search(line))
            continue
        match = _FRAME.match(line)
        if match:
            in_stack = True
            symbol, path = match.group(1), match.group(2)
            if FIXTURE_FILE.search(path):
                name = function_name(symbol)
                if name not in frames:
                    frames.append(name)
                if len(frames) == MAX_FRAMES:
                    break
        elif in_stack:
            break  # the first stack ended
    return frames


def failing_operation(output):
    for line in output.splitlines():
        match = _DURING.match(line)
        if match:
            return match.group(1) or match.group(2)
    return None


class Signature:
    def __init__(self, finding, frames, operation):
        self.finding, self.frames, self.operation = finding, frames, operation

    @property
    def oracle(self):
        return self.finding.oracle

    @property
    def bug_class(self):
        return self.finding.bug_class

    def __str__(self):
        return "%s [%s] %s @ %s" % (self.finding.oracle, self.finding.bug_class or "?",
                                    " < ".join(self.frames) or "-", self.operation or "?")

    def __eq__(self, other):
        return isinstance(other, Signature) and str(self) == str(other)

    def __hash__(self):
        return hash(str(self))


def of_output(output):
    """The signature of a run's output, or None when the run found nothing."""
    finding = findings.classify(output)
    if finding is None:
        return None
    return Signature(finding, fixture_frames(output), failing_operation(output))
