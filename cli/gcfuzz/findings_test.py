import unittest

from gcfuzz import findings


class ClassifyTest(unittest.TestCase):
    def test_gcfuzz_oracle_names_its_class(self):
        found = findings.classify("==1== ERROR: gcfuzz: leak\nSUMMARY: gcfuzz: leak [traverse-misses-member]\n")
        self.assertEqual((found.oracle, found.bug_class), ("leak", "traverse-misses-member"))

    def test_a_foreign_abort_names_the_finding_by_its_message(self):
        found = findings.classify(
            "terminate called after throwing an instance of 'std::logic_error'\n"
            "  what():  half built\n==1== ERROR: libFuzzer: deadly signal\n"
            "SUMMARY: libFuzzer: deadly signal\n")
        self.assertEqual((found.oracle, found.bug_class),
                         ("C++ terminate: std::logic_error: half built", None))

    def test_sanitizer_report_takes_the_exercised_defect(self):
        found = findings.classify(
            "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1\n"
            "gcfuzz: planted defects exercised in this input: weakrefs-not-cleared\n"
            "SUMMARY: AddressSanitizer: heap-use-after-free /x.cc:1 in f\n")
        self.assertEqual(found.oracle, "AddressSanitizer: heap-use-after-free")
        self.assertEqual(found.bug_class, "weakrefs-not-cleared")

    def test_sanitizer_report_without_planted_path_is_unattributed(self):
        found = findings.classify("SUMMARY: AddressSanitizer: SEGV /x.cc:1 in f\n")
        self.assertIsNone(found.bug_class)
        found = findings.classify("gcfuzz: planted defects exercised in this input: a,b\n"
                                  "SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior x\n")
        self.assertIsNone(found.bug_class, "two candidates: no guess")

    def test_gcfuzz_report_without_class_does_not_borrow_the_exercised_defect(self):
        # The leak oracle names the class from the leaked kinds; a leak of a kind that does
        # not carry the armed defect is a false positive even if the defect's path ran.
        found = findings.classify("==1== ERROR: gcfuzz: leak\n"
                                  "gcfuzz: planted defects exercised in this input: heap-type-no-visit-type\n"
                                  "SUMMARY: gcfuzz: leak\n")
        self.assertEqual(found.oracle, "leak")
        self.assertIsNone(found.bug_class)

    def test_dead_member_is_attributed_like_the_sanitizer_report_it_stands_in_for(self):
        found = findings.classify("gcfuzz: planted defects exercised in this input: clear-decref-not-py_clear\n"
                                  "==1== ERROR: gcfuzz: dead-member\n"
                                  "SUMMARY: gcfuzz: dead-member\n")
        self.assertEqual((found.oracle, found.bug_class), ("dead-member", "clear-decref-not-py_clear"))
        found = findings.classify("==1== ERROR: gcfuzz: dead-member\nSUMMARY: gcfuzz: dead-member\n")
        self.assertIsNone(found.bug_class, "no planted path ran: a finding on sound code")

    def test_gcfuzz_summary_wins_and_no_finding_is_none(self):
        self.assertIsNone(findings.classify("#2 INITED cov: 1\nDone 10 runs\n"))
        found = findings.classify("SUMMARY: AddressSanitizer: use-after-poison x\n"
                                  "SUMMARY: gcfuzz: use-after-clear [callback-touches-cleared]\n"
                                  "==1== ERROR: libFuzzer: deadly signal\n")
        self.assertEqual(found.oracle, "use-after-clear")
        self.assertEqual(found.bug_class, "callback-touches-cleared")

    def test_deadly_signal_without_report(self):
        found = findings.classify("==7== ERROR: libFuzzer: deadly signal\n")
        self.assertEqual(found.oracle, "libFuzzer: deadly signal")


if __name__ == "__main__":
    unittest.main()
