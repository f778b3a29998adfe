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

FIXTURE_FRAME = "    #1 0x1 in gcfuzz::fixtures::FixtureDealloc(_object*) /w/fixtures/dealloc.cc:99:5\n"


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

    def test_fixture_code_on_the_stack_makes_it_the_fixtures_crash(self):
        lines = CLEARWEAKREFS.splitlines(True)
        at = next(i for i, line in enumerate(lines) if "#1 " in line)
        output = "".join(lines[:at] + [FIXTURE_FRAME] + lines[at + 1:])
        self.assertIsNone(interpreter_bugs.match(output, "3.11"))

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
