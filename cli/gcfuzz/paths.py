"""Where gcfuzz keeps things, relative to the repository root."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# GCFUZZ_BUILD_ROOT moves every build tree elsewhere (e.g. two checkouts sharing a machine,
# or a CI cache directory); default build/ in the repository.
BUILD = os.environ.get("GCFUZZ_BUILD_ROOT") or os.path.join(ROOT, "build")
# Per-target writable corpora and findings of local runs (git-ignored).
WORK = os.path.join(ROOT, "work")
# Seed corpora, committed: corpus/<target name without _fuzzer>/.
CORPUS = os.path.join(ROOT, "corpus")
PROBE = os.path.join(ROOT, "cli", "gcfuzz", "python_probe.py")


def relative(path):
    """A path as the user should see it: relative to the root when inside it."""
    try:
        rel = os.path.relpath(path, os.getcwd())
    except ValueError:
        return path
    return path if rel.startswith("../..") else rel
