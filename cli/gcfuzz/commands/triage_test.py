import unittest

from gcfuzz import signature
from gcfuzz.commands import triage

UAF_DURING_DROP = """\
==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1 at pc 0x2 bp 0x3 sp 0x4
    #0 0x1 in gcfuzz::fixtures::TouchFixture(gcfuzz::fixtures::FixtureObject*) /w/fixtures/touch.cc:12:67
SUMMARY: AddressSanitizer: heap-use-after-free /w/fixtures/touch.cc:12:67 in TouchFixture
gcfuzz: planted defects exercised in this input: clear-decref-not-py_clear
gcfuzz: during operation #7 (drop-root): del n3
"""


def sig(output):
    return signature.of_output(output)


class TriageGroupsTest(unittest.TestCase):
    def test_one_defect_through_two_operations_is_one_group(self):
        in_final_step = UAF_DURING_DROP.replace("operation #7 (drop-root): del n3",
                                                "the final step (final-step)")
        self.assertNotEqual(str(sig(UAF_DURING_DROP)), str(sig(in_final_step)))
        self.assertEqual(triage.group_key(sig(UAF_DURING_DROP)), triage.group_key(sig(in_final_step)))

    def test_two_defects_are_two_groups(self):
        other = UAF_DURING_DROP.replace("clear-decref-not-py_clear", "borrowed-ref-kept")
        self.assertNotEqual(triage.group_key(sig(UAF_DURING_DROP)), triage.group_key(sig(other)))

    def test_without_a_class_the_whole_signature_is_the_group(self):
        unknown = UAF_DURING_DROP.replace(
            "gcfuzz: planted defects exercised in this input: clear-decref-not-py_clear\n", "")
        self.assertIsNone(sig(unknown).bug_class)
        elsewhere = unknown.replace("TouchFixture", "GetSlotMethod")
        self.assertNotEqual(triage.group_key(sig(unknown)), triage.group_key(sig(elsewhere)))

    def test_commonest_signature_and_how_many_others(self):
        drop = sig(UAF_DURING_DROP)
        final = sig(UAF_DURING_DROP.replace("operation #7 (drop-root): del n3",
                                            "the final step (final-step)"))
        self.assertEqual(triage.commonest_signature([final, drop, final]), (str(final), 1))
        self.assertEqual(triage.commonest_signature([drop]), (str(drop), 0))


if __name__ == "__main__":
    unittest.main()
