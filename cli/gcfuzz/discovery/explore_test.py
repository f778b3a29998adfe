"""Discovery on real extension modules of the interpreter running the tests, and on
throwaway modules for what real ones must not do (crash, hang, need an adapter).

Each module is discovered once per class of tests (setUpClass); the tests read the report.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import unittest

from gcfuzz.discovery import adapter, explore
from gcfuzz.errors import SetupError

PYTHON = sys.executable


def classes(report):
    return {entry["name"]: entry for entry in report["classes"]}


def method(entry, name):
    return next(m for m in entry["methods"] if m["name"] == name)


class TempModules:
    """A directory for throwaway modules and adapters, removed after the class."""

    @classmethod
    def make_dir(cls):
        cls.directory = tempfile.mkdtemp(prefix="gcfuzz-discover-test-")
        cls.addClassCleanup(shutil.rmtree, cls.directory)

    @classmethod
    def write(cls, name, source):
        path = os.path.join(cls.directory, name)
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(source))
        return path


class CollectionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.report = explore.discover(PYTHON, "_collections")
        cls.classes = classes(cls.report)

    def test_exported_classes(self):
        for name in ("deque", "defaultdict", "OrderedDict", "_deque_iterator"):
            self.assertIn(name, self.classes)
            self.assertEqual(self.classes[name]["origin"], "exported")

    def test_deque_construction(self):
        construct = self.classes["deque"]["construct"]
        forms = [form["args"] for form in construct["forms"]]
        self.assertEqual(forms[0], [])
        self.assertIn(["list"], forms)
        self.assertIn(["same"], forms)
        self.assertTrue(construct["from_iterable"])
        self.assertEqual(self.classes["deque"]["maker"], "_collections.deque()")

    def test_deque_methods(self):
        deque = self.classes["deque"]
        self.assertEqual(method(deque, "append")["arities"], [1])
        self.assertTrue(method(deque, "append")["keeps"])
        self.assertFalse(method(deque, "count")["keeps"])
        self.assertTrue(method(deque, "clear")["releases"])
        self.assertFalse(method(deque, "reverse")["releases"])
        self.assertTrue(method(deque, "extend")["from_iterable"])
        pop = method(deque, "pop")
        self.assertEqual(pop["arities"], [0], "IndexError is past argument parsing")
        self.assertEqual(pop["calls"][0]["raises"], "IndexError")
        self.assertEqual(method(deque, "insert")["arities"], [])
        self.assertEqual(method(deque, "insert")["type_rejected"], [2])

    def test_deque_containers(self):
        deque = self.classes["deque"]
        self.assertEqual(deque["setitem"]["key"], 0)
        self.assertEqual(deque["setitem"]["prefill"], "append")
        self.assertTrue(deque["setitem"]["stores"])
        self.assertEqual(deque["iteration"]["iter"]["iterator"], "_deque_iterator")
        self.assertEqual(deque["iteration"]["iter"]["items"], "list")
        self.assertEqual(deque["iteration"]["reversed"]["iterator"], "_deque_reverse_iterator")

    def test_flags(self):
        import collections
        deque = self.classes["deque"]
        self.assertEqual(deque["heap"], bool(collections.deque.__flags__ & (1 << 9)))
        self.assertTrue(deque["gc_type"])
        self.assertEqual(deque["instance"], {"gc_tracked": True, "weakref": True,
                                             "subclassable": True})
        self.assertFalse(self.classes["defaultdict"]["instance"]["weakref"])
        self.assertFalse(self.classes["_deque_iterator"]["instance"]["subclassable"])

    def test_attributes_and_dict(self):
        factory = self.classes["defaultdict"]["attributes"]
        self.assertEqual([(a["name"], a["kind"], a["writable"], a["stores"]) for a in factory],
                         [("default_factory", "member", "list", True)])
        maxlen = self.classes["deque"]["attributes"][0]
        self.assertEqual((maxlen["name"], maxlen["writable"]), ("maxlen", None))
        self.assertTrue(self.classes["OrderedDict"]["dict"])
        self.assertFalse(self.classes["deque"]["dict"])

    def test_mapping_item_assignment(self):
        setitem = self.classes["OrderedDict"]["setitem"]
        self.assertEqual((setitem["key"], setitem["key_kind"], setitem["stores"]),
                         ("k", "str", True))

    def test_construction_from_another_class(self):
        forms = [f["args"] for f in self.classes["_deque_iterator"]["construct"]["forms"]]
        self.assertEqual(forms, [["collections.deque"]])

    def test_nothing_crashed(self):
        self.assertEqual(self.report["crashes"], [])
        self.assertEqual(self.report["notes"], [])


class ArrayTest(TempModules, unittest.TestCase):
    """array needs a typecode: not constructible from nodes, constructible by a factory,
    and then its iterator (not exported) is found as a result."""

    @classmethod
    def setUpClass(cls):
        cls.make_dir()
        cls.bare = classes(explore.discover(PYTHON, "array"))
        path = cls.write("array_adapter.py", """\
            FACTORIES = {"array": lambda: array("i", [1, 2])}
            """)
        cls.adapted = classes(explore.discover(PYTHON, "array", adapter=path))

    def test_not_constructible_from_nodes(self):
        entry = self.bare["array"]
        self.assertEqual(entry["construct"]["forms"], [])
        self.assertIsNone(entry["maker"])
        self.assertEqual(entry["construct"]["error"]["type"], "TypeError")
        self.assertTrue(entry["hint"].startswith("array(typecode"), entry["hint"])
        self.assertEqual(list(self.bare), ["array"], "ArrayType is an alias, not a class")

    def test_factory_and_a_class_found_only_as_a_result(self):
        self.assertEqual(self.adapted["array"]["maker"], "FACTORIES['array']()")
        self.assertTrue(self.adapted["array"]["construct"]["factory"])
        iterator = self.adapted["arrayiterator"]
        self.assertEqual(iterator["origin"], "result")
        self.assertEqual(iterator["maker"], "iter(FACTORIES['array']())")
        self.assertTrue(iterator["instance"]["gc_tracked"])


class MoreStandardModulesTest(unittest.TestCase):
    def test_elementtree(self):
        found = classes(explore.discover(PYTHON, "_elementtree"))
        element = found["Element"]
        keeps = {tuple(f["args"]): f["keeps"] for f in element["construct"]["forms"]}
        self.assertEqual(keeps[("list",)], [0], "Element(tag) keeps its tag")
        self.assertTrue(method(element, "append")["keeps"])
        self.assertTrue(method(element, "clear")["releases"])
        self.assertEqual([a["name"] for a in element["attributes"] if a["writable"]],
                         ["attrib", "tag", "tail", "text"])
        iterator = found["_element_iterator"]
        self.assertEqual(iterator["origin"], "result")
        self.assertIn(".iter(", iterator["maker"])
        self.assertEqual(found["TreeBuilder"]["construct"]["forms"][0]["args"], [])

    def test_pickle(self):
        found = classes(explore.discover(PYTHON, "_pickle"))
        self.assertTrue(found["PickleError"]["exception"])
        self.assertFalse(found["Pickler"]["exception"])
        self.assertEqual(found["Pickler"]["construct"]["forms"], [])
        self.assertIn("file", found["Pickler"]["hint"])

    def test_struct_functions_refuse_nodes(self):
        report = explore.discover(PYTHON, "_struct")
        self.assertEqual(list(classes(report)), ["Struct"])
        names = {f["name"]: f for f in report["functions"]}
        self.assertIn("pack", names)
        self.assertEqual(names["calcsize"]["arities"], [])

    def test_modules_without_classes(self):
        for name in ("_heapq", "_bisect"):
            with self.assertRaises(SetupError) as caught:
                explore.discover(PYTHON, name)
            self.assertIn("%s has no classes" % name, str(caught.exception))


CRASHY = """\
    import os
    import signal
    print("crashy prints at import; the probe's events must not mind")

    class Good:
        def __init__(self):
            self.items = []
        def add(self, item):
            self.items.append(item)
        def drop(self):
            self.items = []

    class Aborts:
        def __init__(self):
            os.abort()

    class Segfaults:
        def __init__(self):
            os.kill(os.getpid(), signal.SIGSEGV)

    class Hangs:
        def __init__(self):
            while True:
                pass

    class MethodCrash:
        def boom(self):
            os.kill(os.getpid(), signal.SIGSEGV)
        def fine(self, item):
            return [item]

    class DeallocCrash:
        def __init__(self):
            self.cycle = self  # freed only by a collection
        def __del__(self):
            if getattr(self, "cycle", None) is self:  # not when __init__ refused its args
                os.kill(os.getpid(), signal.SIGSEGV)
"""


class CrashTest(TempModules, unittest.TestCase):
    """Constructors and methods that crash or hang are reported with a reproducer, and
    the other classes are discovered all the same."""

    @classmethod
    def setUpClass(cls):
        cls.make_dir()
        cls.write("crashy.py", CRASHY)
        cls.crash_dir = os.path.join(cls.directory, "work")
        cls.report = explore.discover(PYTHON, "crashy", path=cls.directory, timeout=1.0,
                                      crash_dir=cls.crash_dir)
        cls.classes = classes(cls.report)
        cls.crashes = {crash["label"]: crash for crash in cls.report["crashes"]}

    def test_each_crash_and_hang_is_reported_once(self):
        self.assertEqual(sorted(self.crashes), [
            "call MethodCrash.boom()", "construct Aborts()", "construct DeallocCrash()",
            "construct Hangs()", "construct Segfaults()"])
        self.assertEqual(len(self.report["crashes"]), 5)
        self.assertEqual(self.crashes["construct Aborts()"]["how"], "SIGABRT")
        self.assertEqual(self.crashes["construct Segfaults()"]["how"], "SIGSEGV")
        self.assertEqual(self.crashes["construct Hangs()"]["how"], "timeout after 1 s")
        self.assertEqual(self.crashes["call MethodCrash.boom()"]["owner"], "MethodCrash")

    def test_a_crash_in_a_collection_belongs_to_the_trial_that_made_the_object(self):
        self.assertEqual(self.crashes["construct DeallocCrash()"]["how"], "SIGSEGV")

    def test_the_other_classes_are_discovered(self):
        good = self.classes["Good"]
        self.assertEqual(good["maker"], "crashy.Good()")
        self.assertTrue(method(good, "add")["keeps"])
        self.assertTrue(method(good, "drop")["releases"])
        self.assertEqual(method(self.classes["MethodCrash"], "fine")["arities"], [1])
        self.assertEqual(method(self.classes["MethodCrash"], "boom")["crashed"], [[]])
        self.assertEqual(self.classes["Hangs"]["construct"]["crashed"], [[]])

    def test_reproducers_run_standalone_and_crash(self):
        crash = self.crashes["construct Segfaults()"]
        self.assertEqual(os.path.dirname(crash["reproducer"]),
                         os.path.join(self.crash_dir, "crashy"))
        self.assertRegex(os.path.basename(crash["reproducer"]), r"^crash-\d+\.py$")
        with open(crash["reproducer"]) as handle:
            self.assertIn("obj = crashy.Segfaults()\n", handle.read())
        run = subprocess.run([PYTHON, "-I", crash["reproducer"]], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, cwd=self.directory)
        self.assertEqual(run.returncode, -signal.SIGSEGV)
        hang = self.crashes["construct Hangs()"]["reproducer"]
        self.assertRegex(os.path.basename(hang), r"^timeout-\d+\.py$")

    def test_a_second_discovery_finds_the_same_files(self):
        before = sorted(os.listdir(os.path.join(self.crash_dir, "crashy")))
        again = explore.discover(PYTHON, "crashy", path=self.directory, timeout=1.0,
                                 crash_dir=self.crash_dir)
        self.assertEqual(sorted(c["reproducer"] for c in again["crashes"]),
                         sorted(c["reproducer"] for c in self.report["crashes"]))
        self.assertEqual(sorted(os.listdir(os.path.join(self.crash_dir, "crashy"))), before)


NEEDS = """\
    import os
    import signal

    class Needs:
        def __init__(self, size, name):
            if not isinstance(size, int):
                raise TypeError("size must be an int")
            self.items = []
        def put(self, item):
            self.items.append(item)
        def wipe(self):
            del self.items[:]
        def explode(self):
            os.kill(os.getpid(), signal.SIGSEGV)

    if os.environ.get("GCFUZZ_TEST_SETUP") == "ran":
        class OnlyAfterSetup:
            pass
"""

NEEDS_ADAPTER = """\
    SETUP = "import os; os.environ['GCFUZZ_TEST_SETUP'] = 'ran'"
    FACTORIES = {
        "Needs": lambda: Needs(3, "x"),
    }
    SKIP = ["explode"]
    RELEASING = {"Needs": ["wipe"]}
"""


class AdapterTest(TempModules, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.make_dir()
        cls.write("needs.py", NEEDS)
        cls.adapter = cls.write("needs_adapter.py", NEEDS_ADAPTER)
        cls.report = explore.discover(PYTHON, "needs", path=cls.directory, adapter=cls.adapter)
        cls.classes = classes(cls.report)

    def test_setup_runs_before_the_import(self):
        self.assertIn("OnlyAfterSetup", self.classes)

    def test_factory_skip_and_releasing(self):
        needs = self.classes["Needs"]
        self.assertEqual(needs["maker"], "FACTORIES['Needs']()")
        self.assertTrue(method(needs, "put")["keeps"])
        self.assertEqual(needs["denied"], ["explode"])
        self.assertEqual(self.report["crashes"], [], "explode was never called")
        self.assertEqual(self.report["adapter"]["releasing"], {"Needs": ["wipe"]})
        self.assertEqual(self.report["adapter"]["factories"], ["Needs"])

    def test_the_written_adapter_is_accepted_and_keeps_the_factory(self):
        written = os.path.join(self.directory, "written.py")
        adapter.write(self.report, written)
        with open(written) as handle:
            text = handle.read()
        self.assertIn("'Needs': lambda: Needs(3, \"x\"),", text)
        self.assertIn("'explode'", text)
        self.assertIn("'Needs': ['wipe']", text)
        again = classes(explore.discover(PYTHON, "needs", path=self.directory, adapter=written))
        self.assertEqual(again["Needs"]["maker"], "FACTORIES['Needs']()")
        self.assertIn("OnlyAfterSetup", again)

    def test_a_factory_that_raises_names_its_line(self):
        path = self.write("raising_adapter.py", """\
            FACTORIES = {
                "Needs": lambda: Needs(3, "x"),
                "Other": lambda: Needs("three", "x"),
            }
            """)
        with self.assertRaises(SetupError) as caught:
            explore.discover(PYTHON, "needs", path=self.directory, adapter=path)
        message = str(caught.exception)
        self.assertIn("raising_adapter.py:3: factory 'Other' raised TypeError: size must be "
                      "an int", message)

    def test_values_of_the_wrong_type(self):
        path = self.write("typed_adapter.py", "SKIP = 'explode'\n")
        with self.assertRaises(SetupError) as caught:
            explore.discover(PYTHON, "needs", path=self.directory, adapter=path)
        self.assertIn("typed_adapter.py:1: SKIP has the wrong type (str)", str(caught.exception))


class ImportFailureTest(TempModules, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.make_dir()
        cls.write("broken.py", "raise ValueError('broken on purpose')\n")

    def test_the_exceptions_last_line(self):
        with self.assertRaises(SetupError) as caught:
            explore.discover(PYTHON, "broken", path=self.directory)
        self.assertEqual(str(caught.exception),
                         "cannot import broken: ValueError: broken on purpose")


if __name__ == "__main__":
    unittest.main()
