"""A discovery report as a person reads it: one block per class, then what crashed."""
import textwrap

from .. import paths

WIDTH = 100
LABEL = 16


def _field(label, text):
    indent = " " * (2 + LABEL)
    return textwrap.fill(text, WIDTH, initial_indent="  " + label.ljust(LABEL),
                         subsequent_indent=indent, break_on_hyphens=False)


def _kind(kind, name):
    """A node kind as written in the report: list, dict, the class itself, another."""
    if kind == "same":
        return name
    return kind.split(".")[-1]


def _form(callee, args, name):
    return "%s(%s)" % (callee, ", ".join(_kind(k, name) for k in args))


def _type_line(entry):
    words = ["heap type" if entry.get("heap") else "static type"]
    if entry.get("python_defined"):
        words[0] = "Python class"
    instance = entry.get("instance") or {}
    if entry.get("gc_type"):
        tracked = instance.get("gc_tracked")
        words.append("GC type" + {True: " (instance tracked)",
                                  False: " (instance not tracked)"}.get(tracked, ""))
    else:
        words.append("not a GC type")
    if instance.get("weakref") is not None:
        words.append("weakref-able" if instance["weakref"] else "no weakrefs")
    if instance.get("subclassable") is not None:
        words.append("subclassable" if instance["subclassable"] else "final")
    elif not entry.get("basetype"):
        words.append("final")
    if entry.get("dict") is not None:
        words.append("instance __dict__" if entry["dict"] else "no __dict__")
    if entry.get("exception"):
        words.append("an exception")
    return ", ".join(words)


def _construction(entry):
    name = entry["name"]
    construct = entry.get("construct") or {}
    if entry.get("denied_class"):
        return "denied (never constructed)"
    if entry["origin"] == "result":
        return "none: only a result, made by %s" % entry.get("maker")
    if construct.get("factory"):
        return "by the adapter's factory"
    forms = construct.get("forms") or []
    if not forms:
        error = construct.get("error") or {}
        text = "none from nodes (tried %d forms" % construct.get("tried", 0)
        if construct.get("crashed"):
            text += "; %s crashed or hung (see below)" % ", ".join(
                _form(name, form, name) for form in construct["crashed"])
        if error:
            text += "; %s: %s: %s" % (_form(name, error.get("args", []), name),
                                      error.get("type"), error.get("message"))
        text += "); needs a factory"
        if entry.get("hint"):
            text += "; signature: %s" % entry["hint"]
        return text
    parts = []
    for form in forms:
        text = _form(name, form["args"], name)
        if form.get("keeps"):
            text += " keeping its argument"
        parts.append(text)
    for what in ("iterable", "mapping"):
        if construct.get("from_" + what):
            parts.append("from %s %s of nodes" % ("an" if what[0] == "i" else "a", what))
    return ", ".join(parts)


def _method(method, name):
    arities = method["arities"]
    notes = []
    if method.get("keeps"):
        notes.append("keeps")
    if method.get("releases"):
        notes.append("releases")
    if method.get("from_iterable"):
        notes.append("iterable of nodes")
    if method.get("from_mapping"):
        notes.append("mapping of nodes")
    raised = sorted({c["raises"] for c in method["calls"] if c.get("raises")})
    if raised and not any("raises" not in c for c in method["calls"]):
        notes.append("raises " + "/".join(raised))
    returns = sorted({c["returns"] for c in method["calls"]
                      if c.get("returns") not in (None, "NoneType")})
    text = "%s(%s)" % (method["name"], "|".join(str(a) for a in arities))
    if notes:
        text += " " + " ".join(notes)
    if returns:
        text += " -> " + "|".join(returns)
    return text


def _methods(entry):
    name = entry["name"]
    methods = entry.get("methods") or []
    called = [_method(m, name) for m in methods if m["arities"]]
    refused = ["%s%s" % (m["name"], " (wrong node types for %s args)"
                         % "|".join(str(a) for a in m["type_rejected"])
                         if m.get("type_rejected") else "")
               for m in methods if not m["arities"] and not m.get("crashed")]
    crashed = [_form(m["name"], form, name) for m in methods for form in m.get("crashed", [])]
    if crashed:
        refused.append("crashed or hung (see below): " + ", ".join(crashed))
    return called, refused


def _containers(entry):
    parts = []
    setitem = entry.get("setitem")
    if setitem:
        parts.append("obj[%r] = node (%s%s%s)" % (
            setitem["key"], "mapping" if setitem["key_kind"] == "str" else "int key",
            ", after %s" % setitem["prefill"] if setitem.get("prefill") else "",
            ", kept" if setitem.get("stores") else ", not kept"))
    keepers = [m["name"] for m in entry.get("methods") or [] if m.get("keeps")]
    if keepers:
        parts.append("methods keeping a node: " + ", ".join(keepers))
    for how, found in sorted((entry.get("iteration") or {}).items()):
        text = "%s(obj) -> %s" % (how, found.get("iterator"))
        if found.get("items"):
            text += " of %s" % found["items"]
        parts.append(text)
    return parts


def _attributes(entry):
    parts = []
    for attribute in entry.get("attributes") or []:
        if attribute.get("writable"):
            parts.append("%s (%s%s)" % (attribute["name"], attribute["kind"],
                                        "" if attribute.get("stores") else ", converts"))
    read_only = [a["name"] for a in entry.get("attributes") or [] if not a.get("writable")]
    text = ", ".join(parts) if parts else "none"
    if read_only:
        text += "; read-only: " + ", ".join(read_only)
    return text


def _count(number, one, many):
    return "%d %s" % (number, one if number == 1 else many)


def class_block(entry):
    origin = ("exported as %s" % entry.get("access") if entry["origin"] == "exported"
              else "only as a result (%s)" % entry.get("via"))
    lines = ["class %s  [%s.%s]  %s" % (entry["name"], entry.get("module", "?"),
                                          entry.get("type_name", entry["name"]), origin)]
    if entry.get("gave_up") or entry.get("problem"):
        lines.append(_field("not explored", entry.get("problem") or
                            "its child kept crashing (see the crashes below)"))
        return lines
    if "heap" in entry:
        lines.append(_field("type", _type_line(entry)))
    lines.append(_field("construction", _construction(entry)))
    if entry.get("maker"):
        called, refused = _methods(entry)
        lines.append(_field("methods", ", ".join(called) if called else "none callable"))
        if refused:
            lines.append(_field("not with nodes", ", ".join(refused)))
        lines.append(_field("attributes", _attributes(entry)))
        containers = _containers(entry)
        lines.append(_field("containers", "; ".join(containers) if containers else "none"))
    if entry.get("denied"):
        lines.append(_field("denied", ", ".join(entry["denied"])))
    return lines


def text(report, interpreter_line):
    classes = report["classes"]
    exported = sum(1 for c in classes if c["origin"] == "exported")
    lines = ["%s: %s" % (report["module"], report.get("file") or "built into the interpreter"),
             "with %s" % interpreter_line,
             "%s (%d exported, %d only as results), %s called, %s" % (
                 _count(len(classes), "class", "classes"), exported, len(classes) - exported,
                 _count(len(report["functions"]), "function", "functions"),
                 _count(len(report["crashes"]), "crash or timeout", "crashes or timeouts")),
             ""]
    for entry in classes:
        lines += class_block(entry) + [""]
    if report["functions"] or report["functions_denied"]:
        called = [_method(f, "") for f in report["functions"] if f["arities"]]
        refused = [f["name"] for f in report["functions"] if not f["arities"]]
        lines.append("module functions")
        lines.append(_field("called", ", ".join(called) or "none"))
        if refused:
            lines.append(_field("not with nodes", ", ".join(refused)))
        if report["functions_denied"]:
            lines.append(_field("denied", ", ".join(report["functions_denied"])))
        lines.append("")
    adapter = report["adapter"]
    if adapter.get("path"):
        lines.append("adapter %s: %d factories, SKIP %s, RELEASING %s%s" % (
            paths.relative(adapter["path"]), len(adapter.get("factories", [])),
            ", ".join(adapter.get("skip", [])) or "none",
            ", ".join("%s.%s" % (c, m) for c, ms in adapter.get("releasing", {}).items()
                      for m in ms) or "none", ", SETUP" if adapter.get("setup") else ""))
        lines.append("")
    if report["crashes"]:
        lines.append("crashes and timeouts during discovery (each one is a finding):")
        for crash in report["crashes"]:
            lines.append("  %s: %s during %r" % (crash["owner"], crash["how"], crash["label"]))
            if crash.get("reproducer"):
                lines.append("    reproducer: %s" % paths.relative(crash["reproducer"]))
        lines.append("")
    for note in report["notes"]:
        lines.append("note: " + note)
    return "\n".join(lines).rstrip() + "\n"
