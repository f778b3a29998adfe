import unittest

from gcfuzz import signature

ASAN = """\
==22731==ERROR: AddressSanitizer: heap-use-after-free on address 0x607000224970 at pc 0x562f64f54a70 bp 0x7ffea99903b0 sp 0x7ffea99903a8
READ of size 8 at 0x607000224970 thread T0
    #0 0x562f64f54a6f in gcfuzz::fixtures::ContextRelease(gcfuzz::fixtures::ContextImp*, unsigned char*) /work/main/fixtures/context.cc:38:9
    #1 0x562f64f4f96f in gcfuzz::fixtures::(anonymous namespace)::FreeCState(gcfuzz::fixtures::FixtureObject*) /work/main/fixtures/dealloc.cc:28:7
    #2 0x562f64f4f96f in gcfuzz::fixtures::(anonymous namespace)::TearDown(gcfuzz::fixtures::FixtureObject*) /work/main/fixtures/dealloc.cc:53:3
    #3 0x562f64f4f59d in gcfuzz::fixtures::FixtureDealloc(_object*) /work/main/fixtures/dealloc.cc:99:5
    #8 0x7f4feb6d62c5 in delete_garbage /build/reproducible-path/python3.11-3.11.2/build-shared/../Modules/gcmodule.c:1013:24

0x607000224970 is located 48 bytes inside of 80-byte region [0x607000224940,0x607000224990)
freed by thread T0 here:
    #0 0x562f64ee5fb2 in __interceptor_free (/x/graph_fuzzer+0x12dfb2) (BuildId: 3f99)
    #1 0x562f64f545df in gcfuzz::fixtures::FreeContextImp(gcfuzz::fixtures::ContextImp*) /work/main/fixtures/context.cc:20:3

SUMMARY: AddressSanitizer: heap-use-after-free /work/main/fixtures/context.cc:38:9 in gcfuzz::fixtures::ContextRelease(gcfuzz::fixtures::ContextImp*, unsigned char*)
gcfuzz: planted defects exercised in this input: clear-then-dealloc-uses-field
gcfuzz: during operation #12 (drop-root): del n3
"""

INTERPRETER_FIRST = """\
==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1 at pc 0x2 bp 0x3 sp 0x4
    #0 0x1 in Py_TYPE(_object*) /usr/include/python3.11/object.h:133:16
    #1 0x1 in visit_decref /build/python3.11/Modules/gcmodule.c:460:9
    #2 0x2 in gcfuzz::fixtures::FixtureTraverse(_object*, int (*)(_object*, void*), void*) /w/fixtures/traverse.cc:40:3
    #3 0x3 in subtract_refs /build/python3.11/Modules/gcmodule.c:490:9
SUMMARY: AddressSanitizer: heap-use-after-free /usr/include/python3.11/object.h:133:16 in Py_TYPE(_object*)
gcfuzz: planted defects exercised in this input: dealloc-no-untrack
gcfuzz: during the final step (final-step)
"""

LEAK = """\
==1== ERROR: gcfuzz: leak
bug class: traverse-misses-member
1 fixture(s) alive after the input's final collection:
  _gcfuzz_fixtures.Plain #205 (type _gcfuzz_fixtures.Plain, refcount 4)
SUMMARY: gcfuzz: leak [traverse-misses-member]
gcfuzz: during the final step (final-step)
"""


class SignatureTest(unittest.TestCase):
    def test_sanitizer_report_names_fixture_frames_and_operation(self):
        self.assertEqual(str(signature.of_output(ASAN)),
                         "AddressSanitizer: heap-use-after-free [clear-then-dealloc-uses-field] "
                         "ContextRelease < FreeCState < TearDown @ drop-root")

    def test_interpreter_and_collector_frames_are_skipped(self):
        self.assertEqual(signature.of_output(INTERPRETER_FIRST).frames, ["FixtureTraverse"])

    def test_same_bug_in_another_process_has_the_same_signature(self):
        other = ASAN.replace("0x562f64f", "0x55aa00f").replace("==22731==", "==4==") \
                    .replace("#12", "#3").replace("n3", "n7")
        self.assertEqual(signature.of_output(ASAN), signature.of_output(other))

    def test_leak_has_no_frames(self):
        self.assertEqual(str(signature.of_output(LEAK)),
                         "leak [traverse-misses-member] - @ final-step")

    def test_a_rust_abort_takes_no_frames_from_the_deadly_signal_stack(self):
        output = ("thread '<unnamed>' panicked at 'cell is empty', src/lib.rs:4:9\n"
                  "fatal runtime error: failed to initiate panic, error 5\n"
                  "gcfuzz: during operation #2 (collect): gc.collect(1)\n"
                  "==1== ERROR: libFuzzer: deadly signal\n"
                  "    #3 0x1 in gcfuzz::fixtures::(anonymous namespace)::OnAbort(int) "
                  "/work/main/fixtures/abort_attribution.cc:20:5\n"
                  "SUMMARY: libFuzzer: deadly signal\n")
        self.assertEqual(str(signature.of_output(output)),
                         "Rust panic: cell is empty [?] - @ collect")

    def test_no_finding_no_signature(self):
        self.assertIsNone(signature.of_output("INFO: Running with entropic power schedule\nDone 1 runs\n"))

    def test_function_names(self):
        self.assertEqual(signature.function_name(
            "_object* gcfuzz::fixtures::(anonymous namespace)::KindNew<12>(_typeobject*, _object*)"),
            "KindNew")
        self.assertEqual(signature.function_name("delete_garbage"), "delete_garbage")


if __name__ == "__main__":
    unittest.main()
