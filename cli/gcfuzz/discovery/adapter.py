"""The adapter file: Python source for what discovery cannot guess about a module.

    SETUP = "import os; os.environ['X'] = '1'"   # run before the module is imported
    FACTORIES = {"Parser": lambda: Parser("utf-8")}   # constructors that need non-nodes
    SKIP = ["reset", "Session.close"]             # never called (a name, or Class.name)
    RELEASING = {"Pool": ["clear", "drain"]}      # methods that release what they hold
    MAX_CHAIN = 256    # fuzzing only: chains no deeper (types without the trashcan)
    CACHED = ["Interned"]   # fuzzing only: instances the module keeps on purpose (not leaks)

The file is executed by the interpreter being fuzzed (the probe), before the module is
imported; factories run later and see the module's names, so `Parser` needs no import.
Other upper-case names are mistakes (FACTORY, Skip) and rejected; lower-case helpers and
imports are the file's own business.

Here: the checks that need no interpreter (syntax, unknown keys), the one-line error for
everything the probe finds wrong later (a factory that raises), and writing a discovery
out as an adapter to edit (`discover --write`).
"""
import ast
import os

from .. import paths
from ..errors import SetupError

KEYS = ("FACTORIES", "SKIP", "RELEASING", "SETUP", "MAX_CHAIN", "CACHED")


def error(path, line, message):
    where = paths.relative(path) + (":%d" % line if line else "")
    return SetupError("%s: %s" % (where, message))


def check(path):
    """Raises a one-line SetupError for a missing file, a syntax error or an unknown key."""
    if not os.path.isfile(path):
        raise SetupError("--adapter %s: no such file" % path)
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    try:
        tree = ast.parse(source, path)
    except SyntaxError as problem:
        raise error(path, problem.lineno, "syntax error: %s" % problem.msg)
    for node in tree.body:
        for name, line in _assigned(node):
            if name not in KEYS and (name.isupper() or name.upper() in KEYS):
                raise error(path, line, "unknown key %s (an adapter sets %s)"
                            % (name, ", ".join(KEYS)))


def _assigned(node):
    targets = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets = [node.target]
    for target in targets:
        for leaf in ast.walk(target):
            if isinstance(leaf, ast.Name):
                yield leaf.id, node.lineno


# -- writing ------------------------------------------------------------------------

def _args(form, name):
    return "(%s)" % ", ".join(name if kind == "same" else kind.split(".")[-1] for kind in form)


def _class_comment(entry):
    """What discovery found about a class, as comment lines."""
    name = entry["name"]
    lines = ["%s (%s%s)" % (name, entry.get("module", "?"),
                           ", found as a result: %s" % entry.get("maker")
                           if entry["origin"] == "result" else "")]
    construct = entry.get("construct") or {}
    if entry.get("denied_class"):
        lines.append("  denied: never constructed")
    elif construct.get("factory"):
        lines.append("  constructed by its factory")
    elif construct.get("forms"):
        lines.append("  constructed as " + ", ".join(
            name + _args(f["args"], name) for f in construct["forms"]))
    elif entry["origin"] == "exported":
        lines.append("  not constructible from nodes")
    methods = entry.get("methods") or []
    if methods:
        lines.append("  methods: " + ", ".join(
            "%s/%s" % (m["name"], ",".join(str(a) for a in m["arities"]) or "?")
            for m in methods))
    writable = [a["name"] for a in entry.get("attributes") or [] if a.get("writable")]
    if writable or entry.get("dict"):
        lines.append("  writable: " + ", ".join(writable + (["__dict__"] if entry.get("dict")
                                                           else [])))
    if entry.get("denied"):
        lines.append("  denied: " + ", ".join(entry["denied"]))
    return lines


def text(report):
    module = report["module"]
    settings = report["adapter"]
    out = ["# gcfuzz adapter for %s, written by ./gcfuzz discover %s --write." % (module, module),
           "# Edit what discovery could not guess, then pass it back with --adapter FILE.",
           "#", "# What discovery found:"]
    for entry in report["classes"]:
        out += ["#   " + line for line in _class_comment(entry)]
    out += ["", "# Python run before the module is imported.",
            "SETUP = %r" % (_setup_source(settings),), "",
            "# Constructors that need arguments other than nodes (lists, dicts, instances).",
            "# The module's names are visible here: lambda: ClassName(3, 'x').",
            "FACTORIES = {"]
    existing = _existing_factories(settings.get("path"))
    for entry in report["classes"]:
        name = entry["name"]
        if name in existing:
            out.append("    %r: %s," % (name, existing[name]))
        elif (entry["origin"] == "exported" and not (entry.get("construct") or {}).get("forms")
              and not entry.get("denied_class")):
            hint = entry.get("hint") or ""
            out.append("    # %r: lambda: %s(...),%s" % (name, name,
                                                     "  # " + hint if hint else ""))
    out += ["}", "", "# Names never called: a method, a function or a class; or Class.name.",
            "SKIP = ["]
    out += ["    %r," % name for name in settings.get("skip", [])]
    for entry in report["classes"]:
        if entry.get("denied"):
            out.append("    # denied by discovery's built-in list: %s"
                       % ", ".join("%s.%s" % (entry["name"], m) for m in entry["denied"]))
    if report.get("functions_denied"):
        out.append("    # denied by discovery's built-in list: "
                   + ", ".join(report["functions_denied"]))
    out += ["]", "", "# Methods that release what their receiver holds (guessed: called on an",
            "# instance holding a node, they dropped its reference).", "RELEASING = {"]
    given = settings.get("releasing", {})
    for entry in report["classes"]:
        methods = list(given.get(entry["name"], []))
        methods += [m["name"] for m in entry.get("methods") or []
                    if m.get("releases") and m["name"] not in methods]
        if methods:
            out.append("    %r: %r," % (entry["name"], methods))
    out += ["}", ""]
    return "\n".join(out)


def _existing_factories(path):
    """An adapter's factories as source text, so --write keeps what the user wrote."""
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    for node in ast.parse(source).body:
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FACTORIES"
                                                 for t in node.targets)
                and isinstance(node.value, ast.Dict)):
            found = {}
            for key, value in zip(node.value.keys, node.value.values):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    found[key.value] = ast.get_source_segment(source, value)
            return found
    return {}


def _setup_source(settings):
    path = settings.get("path")
    if not path or not settings.get("setup"):
        return ""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    for node in ast.parse(source).body:
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SETUP"
                                                 for t in node.targets)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return node.value.value
    return ""


def write(report, path):
    content = text(report)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(content)
    check(path)
    return path
