"""Discovery of a user's extension module: which classes it has and how a graph is built
from them (`./gcfuzz discover NAME`).

probe.py runs in a child of the interpreter being fuzzed and only reports what it tried;
every decision (what is never called, how long a trial may take, what a crash means, where
its reproducer goes) is taken here, in the CLI's interpreter.
"""
