"""Discovery of one module: jobs run in children of the interpreter being fuzzed (child.py
runs probe.py), and their results gathered into one report (a JSON-able dict).

  survey      import the module (after the adapter's SETUP), list its classes and
              functions, try the adapter's factories
  class       one child per class: construction, methods, attributes, container
              protocols, flags
  functions   the module's functions, called with nodes

Classes that only appear as results (an iterator, an object a method returns) join the
queue as they are found. A class that discovery could not construct gets a second try once
more classes can be constructed (their instances are node arguments too).

When a child dies or hangs during a trial, the trial is saved as a reproducer and the job
runs again without it; a job that keeps crashing is given up.
"""
import os
import tempfile

from ..errors import SetupError
from . import adapter as adapter_file
from . import child, deny, reproducers

MAX_CRASHES_PER_JOB = 3
MAX_CLASSES = 200


class Explorer:
    def __init__(self, executable, module, path=None, adapter=None, timeout=3.0,
                 crash_dir=None, progress=None, env=None):
        self.executable = executable
        self.env = env
        self.module = module
        self.path = path
        self.adapter = adapter
        self.timeout = timeout
        self.crash_dir = crash_dir
        self.progress = progress or (lambda text: None)
        self.rules = deny.rules()
        self.submodules = []
        self.crashes = []
        self.crashed = {}   # owner -> labels of its trials that crashed or hung
        self.notes = []

    # -- running jobs ----------------------------------------------------------------
    def job(self, task, **fields):
        job = {"task": task, "module": self.module, "path": self.path,
               "adapter": self.adapter, "deny": self.rules, "submodules": self.submodules}
        job.update(fields)
        return job

    def run_job(self, job, owner, cwd):
        """The job's result; None when it kept crashing or died outside any trial. A trial
        that crashed once is not run again, in this job or in a later one of the same owner."""
        skip = self.crashed.setdefault(owner, [])
        new = 0
        while True:
            outcome = child.run(self.executable, dict(job, skip=skip), self.timeout, cwd,
                                env=self.env)
            for problem in outcome.problems:
                if problem["event"] == "adapter_error":
                    raise adapter_file.error(self.adapter, problem.get("line"),
                                             problem["message"])
                raise SetupError("cannot import %s: %s" % (self.module, problem["message"]))
            if outcome.death is None:
                return outcome.result
            trial = outcome.death.trial
            if trial is None and not outcome.death.how.startswith("SIG"):
                # Between trials only the probe's own code runs: this is its failure.
                last = (outcome.death.stderr_tail.splitlines() or ["no output"])[-1]
                self.notes.append("%s: the probe failed (%s): %s; given up"
                                  % (owner, outcome.death.how, last))
                return None
            crash = self.record(owner, outcome.death)
            if trial is not None and trial.get("kind") == "import":
                raise SetupError("%s %s (reproducer: %s)" % (
                    trial["label"], "hung" if outcome.death.timed_out else
                    "crashed: " + outcome.death.how, crash.get("reproducer")))
            if trial is None:
                self.notes.append("%s: %s between trials (in a collection or a finalizer "
                                  "the trials left behind); given up" % (owner, outcome.death.how))
                return None
            skip.append(trial["label"])
            new += 1
            if new >= MAX_CRASHES_PER_JOB:
                self.notes.append("%s: given up after %d crashes or timeouts" % (owner, new))
                return None

    def record(self, owner, death):
        crash = {"owner": owner, "how": death.how, "stderr": death.stderr_tail,
                 "label": death.trial["label"] if death.trial else None,
                 "reproducer": None}
        if death.trial is not None and self.crash_dir is not None:
            crash["reproducer"] = reproducers.save(
                os.path.join(self.crash_dir, self.module), self.module, death,
                self.executable, self.path, self.adapter)
        self.crashes.append(crash)
        self.progress("%s: %s during %s" % (owner, death.how, crash["label"]))
        return crash

    # -- the whole discovery ---------------------------------------------------------
    def discover(self):
        with tempfile.TemporaryDirectory(prefix="gcfuzz-discover-") as cwd:
            return self._discover(cwd)

    def _discover(self, cwd):
        survey = self.run_job(self.job("survey"), "the survey", cwd)
        if survey is None:
            raise SetupError("discovery of %s stopped: %s" % (
                self.module, self.notes[-1] if self.notes else "the survey failed"))
        settings = survey["adapter"]
        self.rules = deny.rules(settings["skip"])
        self.submodules = survey["submodules"]
        classes, order = {}, []   # key -> report entry; keys in discovery order
        makers = []               # [key, name, maker] of every constructible class

        def add(entry):
            if entry["key"] not in classes and len(order) < MAX_CLASSES:
                classes[entry["key"]] = dict(entry, explored=False)
                order.append(entry["key"])

        for entry in survey["classes"]:
            add(dict(entry, origin="exported"))

        def explore_pending():
            for key in list(order):
                entry = classes[key]
                if not entry["explored"]:
                    self.explore(entry, classes, makers, add, cwd)

        explore_pending()
        functions = None
        if survey["functions"]:
            functions = self.run_job(
                self.job("functions", functions=survey["functions"], makers=makers,
                         known=list(classes)), "the module's functions", cwd)
            for found in (functions or {}).get("found", []):
                add(dict(found, origin="result"))
            explore_pending()
        for key in list(order):  # a second try with every instance discovery can make
            entry = classes[key]
            if (entry["origin"] == "exported" and not entry.get("maker")
                    and not entry.get("denied_class") and len(makers) > entry["makers_seen"]):
                self.explore(entry, classes, makers, add, cwd)
        explore_pending()
        report = {
            "module": self.module, "interpreter": self.executable,
            "python": survey.get("python"), "file": survey.get("file"),
            "package": survey.get("package"), "submodules": survey["submodules"],
            "classes": [classes[key] for key in order],
            "functions": (functions or {}).get("functions", []),
            "functions_denied": (functions or {}).get("denied", []),
            "adapter": dict(settings, path=self.adapter),
            "crashes": self.crashes, "notes": self.notes,
        }
        if not order:
            raise SetupError("%s has no classes: it exports none, and none came out of "
                             "its functions (nothing to build graphs of)" % self.module)
        self.check_adapter_names(report)
        return report

    def explore(self, entry, classes, makers, add, cwd):
        self.progress("class %s" % entry["name"])
        spec = {key: entry.get(key) for key in ("key", "name", "access", "maker", "origin")}
        result = self.run_job(self.job("class", **{"class": spec, "makers": makers,
                                                   "known": list(classes)}),
                              entry["name"], cwd)
        entry["explored"] = True
        entry["makers_seen"] = len(makers)
        if result is None:
            entry["gave_up"] = True
            return
        origin, via = entry["origin"], entry.get("via")
        entry.update(result)
        for problem in result.get("probe_errors", []):
            self.notes.append("%s: the probe could not finish %s" % (entry["name"], problem))
        entry["origin"], entry["via"] = origin, via
        entry.pop("event", None)
        entry.pop("task", None)
        entry.pop("gave_up", None)
        if entry.get("maker") and all(m[0] != entry["key"] for m in makers):
            makers.append([entry["key"], entry["name"], entry["maker"]])
        for found in result.get("found", []):
            add(dict(found, origin="result"))

    def check_adapter_names(self, report):
        names = {entry["name"] for entry in report["classes"]}
        settings = report["adapter"]
        for name in settings.get("factories", []):
            if name not in names:
                self.notes.append("adapter: FACTORIES names %s, which is not a class "
                                  "discovery found" % name)
        for name, methods in settings.get("releasing", {}).items():
            entry = next((e for e in report["classes"] if e["name"] == name), None)
            if entry is None:
                self.notes.append("adapter: RELEASING names %s, which is not a class "
                                  "discovery found" % name)
                continue
            known = {m["name"] for m in entry.get("methods", [])} | set(entry.get("denied", []))
            for method in methods:
                if method not in known:
                    self.notes.append("adapter: RELEASING names %s.%s, which is not one of "
                                      "its methods" % (name, method))


def discover(executable, module, path=None, adapter=None, timeout=3.0, crash_dir=None,
             progress=None, env=None):
    """The discovery report of `module` in the interpreter `executable`, or a one-line
    SetupError (the module does not import, has no classes, the adapter is wrong). `env`:
    the children's environment (the ASan runtime preloaded, for a module built with it)."""
    return Explorer(executable, module, path, adapter, timeout, crash_dir, progress,
                    env).discover()
