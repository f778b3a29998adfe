"""The libFuzzer targets of a build, and the files that go with each."""
import os

from . import paths
from .errors import UsageError

# What `./gcfuzz fuzz` runs when no --target is given: the fixture catalog's graphs.
DEFAULT = "graph_fuzzer"


def available(directory):
    """{name: executable} for every *_fuzzer the build made."""
    found = {}
    for folder, _, files in os.walk(directory):
        if "CMakeFiles" in folder:
            continue
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith("_fuzzer") and os.access(path, os.X_OK):
                found[name] = path
    return found


def find(directory, name):
    found = available(directory)
    if name not in found:
        raise UsageError("no fuzz target %r; the targets are: %s"
                         % (name, ", ".join(sorted(found)) or "none"))
    return found[name]


def short_name(target):
    return target[:-len("_fuzzer")] if target.endswith("_fuzzer") else target


def seed_corpus(target):
    """corpus/<short name>/: the committed seeds, read but never written by a run."""
    path = os.path.join(paths.CORPUS, short_name(target))
    return path if os.path.isdir(path) else None


def dictionary(target):
    """fuzzers/<target>.dict, or the dictionary of the generator the target uses
    (generators/<short name>.dict)."""
    for path in (os.path.join(paths.ROOT, "fuzzers", target + ".dict"),
                 os.path.join(paths.ROOT, "generators", short_name(target) + ".dict")):
        if os.path.exists(path):
            return path
    return None


def read_options(path):
    """{section: {name: value}} of a .options file (OSS-Fuzz's format: [libfuzzer], [asan],
    [ubsan] sections of name = value lines); {} when there is none."""
    import configparser
    parser = configparser.ConfigParser()
    parser.optionxform = str
    if os.path.exists(path):
        parser.read(path)
    return {section: dict(parser[section]) for section in parser.sections()}


def libfuzzer_flags(sections):
    """The [libfuzzer] section of read_options() as -name=value arguments."""
    return ["-%s=%s" % item for item in sections.get("libfuzzer", {}).items()]


def options(target):
    """The libFuzzer flags in fuzzers/<target>.options, as -name=value arguments."""
    return libfuzzer_flags(read_options(os.path.join(paths.ROOT, "fuzzers", target + ".options")))


def standard_flags(target):
    """What every run of the target gets, whoever starts it (fuzz, hunt, the speed script):
    its dictionary and its .options."""
    dictionary_path = dictionary(target)
    flags = ["-dict=%s" % dictionary_path] if dictionary_path else []
    return flags + options(target)


def timed_run_command(executable, target, seconds, corpus, findings, extra, seeds=True):
    """libFuzzer on a local run's corpus (and the committed seeds, unless `seeds` is false:
    they are the catalog's programs) for `seconds`, findings under `findings`, with the
    target's standard flags and the caller's extra ones."""
    command = [executable, corpus]
    seeds = seed_corpus(target) if seeds else None
    if seeds:
        command.append(seeds)
    command += ["-max_total_time=%d" % seconds, "-print_final_stats=1",
                "-artifact_prefix=%s%s" % (findings, os.sep)]
    return command + standard_flags(target) + list(extra)


def work_dirs(target):
    """work/<target>/{corpus,findings}: what local runs grow and find. Shared by every
    interpreter: an input means the same program whichever CPython runs it."""
    base = os.path.join(paths.WORK, target)
    corpus = os.path.join(base, "corpus")
    findings = os.path.join(base, "findings")
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(findings, exist_ok=True)
    return corpus, findings
