import unittest

from gcfuzz import interpreter_bugs

# The 30-minute sound run's crash at 1b45fd0, as graph_fuzzer printed it (paths shortened).
CLEARWEAKREFS = """\
AddressSanitizer:DEADLYSIGNAL
=================================================================
==27378==ERROR: AddressSanitizer: SEGV on unknown address (pc 0x7efe294390f3 bp 0x5555555555555555 sp 0x7ffd4bb3d1a0 T0)
==27378==The signal is caused by a READ memory access.
    #0 0x7efe294390f3 in PyObject_ClearWeakRefs (/lib/x86_64-linux-gnu/libpython3.11.so.1.0+0x2390f3) (BuildId: 9c43)
    #1 0x7efe293a2b69  (/lib/x86_64-linux-gnu/libpython3.11.so.1.0+0x1a2b69) (BuildId: 9c43)
    #2 0x55d773ea718e in Py_DECREF(_object*) /usr/include/python3.11/object.h:538:9
    #3 0x55d773ea718e in gcfuzz::exec::NodeTable::DropAllRoots() /w/executor/node_table.cc:41:49
    #4 0x55d773e920ed in gcfuzz::exec::ProgramRun::FinalStep() /w/executor/program_run.cc:450:10
    #14 0x55d773e7805e in LLVMFuzzerTestOneInput /w/fuzzers/graph_fuzzer.cc:35:17

AddressSanitizer can not provide additional info.
SUMMARY: AddressSanitizer: SEGV (/lib/x86_64-linux-gnu/libpython3.11.so.1.0+0x2390f3) (BuildId: 9c43) in PyObject_ClearWeakRefs
gcfuzz: during the final step (final-step)
==27378==ABORTING
"""

# The 30-minute sound run at c558f93, with libpython's debug symbols installed: inlined
# frames, and a sound fixture's tp_dealloc calling PyObject_ClearWeakRefs below them.
FROM_FIXTURE_DEALLOC = """\
==13229==ERROR: AddressSanitizer: SEGV on unknown address (pc 0x7f3111c392a3 bp 0x5555555555555555 sp 0x7ffcfbdcfe20 T0)
    #0 0x7f3111c392a3 in _PyObject_GET_WEAKREFS_LISTPTR /build/python3.11-3.11.2/build-shared/../Include/internal/pycore_object.h:205:16
    #1 0x7f3111c392a3 in clear_weakref /build/python3.11-3.11.2/build-shared/../Objects/weakrefobject.c:60:34
    #2 0x7f3111c392a3 in PyObject_ClearWeakRefs /build/python3.11-3.11.2/build-shared/../Objects/weakrefobject.c:1004:17
    #3 0x5610ce3d770f in gcfuzz::fixtures::(anonymous namespace)::TearDown(gcfuzz::fixtures::FixtureObject*) /tmp/fresh30/fixtures/dealloc.cc:50:5
    #4 0x5610ce3d750d in gcfuzz::fixtures::FixtureDealloc(_object*) /tmp/fresh30/fixtures/dealloc.cc:99:5
    #5 0x5610ce3c3f69 in Py_DECREF(_object*) /usr/include/python3.11/object.h:538:9

AddressSanitizer can not provide additional info.
SUMMARY: AddressSanitizer: SEGV /build/python3.11-3.11.2/build-shared/../Include/internal/pycore_object.h:205:16 in _PyObject_GET_WEAKREFS_LISTPTR
gcfuzz: during operation #25 (drop-root): del n2
"""

FIXTURE_FRAME = "    #0 0x1 in gcfuzz::fixtures::FixtureDealloc(_object*) /w/fixtures/dealloc.cc:99:5\n"


class MatchTest(unittest.TestCase):
    def test_the_sound_runs_crash_is_the_known_bug_on_3_11(self):
        bug = interpreter_bugs.match(CLEARWEAKREFS, "3.11")
        self.assertIsNotNone(bug)
        self.assertEqual(bug.id, "cpython-clearweakrefs-gc")

    def test_the_same_crash_on_an_unaffected_version_is_a_finding(self):
        self.assertIsNone(interpreter_bugs.match(CLEARWEAKREFS, "3.12"))
        self.assertIsNone(interpreter_bugs.match(CLEARWEAKREFS, "3.13"))
        self.assertIsNotNone(interpreter_bugs.match(CLEARWEAKREFS, "3.8"))

    def test_a_planted_path_that_ran_makes_it_the_fixtures_crash(self):
        output = CLEARWEAKREFS + "gcfuzz: planted defects exercised in this input: dealloc-no-untrack\n"
        self.assertIsNone(interpreter_bugs.match(output, "3.11"))

    def test_fixture_code_nearer_the_crash_than_the_function_makes_it_the_fixtures(self):
        lines = CLEARWEAKREFS.splitlines(True)
        at = next(i for i, line in enumerate(lines) if "#0 " in line)
        output = "".join(lines[:at] + [FIXTURE_FRAME] + lines[at:])
        self.assertIsNone(interpreter_bugs.match(output, "3.11"))

    def test_a_sound_fixtures_dealloc_calling_the_function_is_still_the_interpreters(self):
        self.assertEqual(interpreter_bugs.match(FROM_FIXTURE_DEALLOC, "3.11").id,
                         "cpython-clearweakrefs-gc")

    def test_a_crash_in_another_interpreter_function_is_a_finding(self):
        output = CLEARWEAKREFS.replace("PyObject_ClearWeakRefs", "subtype_dealloc")
        self.assertIsNone(interpreter_bugs.match(output, "3.11"))

    def test_the_function_deeper_than_the_innermost_frames_does_not_count(self):
        lines = CLEARWEAKREFS.splitlines(True)
        at = next(i for i, line in enumerate(lines) if "#0 " in line)
        padding = ["    #0 0x1 in visit_decref /b/Modules/gcmodule.c:460:9\n"] * 4
        output = "".join(lines[:at] + padding + lines[at:])
        self.assertIsNone(interpreter_bugs.match(output, "3.11"))

    def test_gcfuzz_oracles_and_clean_runs_are_never_interpreter_bugs(self):
        self.assertIsNone(interpreter_bugs.match("", "3.11"))
        leak = "==1== ERROR: gcfuzz: leak\nSUMMARY: gcfuzz: leak [traverse-misses-member]\n"
        self.assertIsNone(interpreter_bugs.match(leak, "3.11"))


class CatalogTest(unittest.TestCase):
    def test_every_known_bug_has_its_reproducer_and_finding_in_the_repository(self):
        import os
        from gcfuzz import paths
        for bug in interpreter_bugs.KNOWN:
            for path in (bug.reproducer, bug.finding):
                self.assertTrue(os.path.isfile(os.path.join(paths.ROOT, path)), path)


if __name__ == "__main__":
    unittest.main()
