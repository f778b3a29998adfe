import unittest

from gcfuzz import known_crash_restarts, libfuzzer_log
from gcfuzz.interpreter_bugs_test import CLEARWEAKREFS

OTHER_CRASH = CLEARWEAKREFS.replace("PyObject_ClearWeakRefs", "subtype_dealloc")


INITED = "#2\tINITED cov: 10 ft: 10 corp: 1/1b exec/s: 0 rss: 30Mb\n"


def crash(text, name, executions=100, began=True):
    """A segment's (rc, output, log) for a run that crashed printing `text`, with one
    artifact called `name`; `began`: after libFuzzer's INITED (fuzzing had begun)."""
    output = "%s%sTest unit written to %s\nstat::number_of_executed_units: %d\n" % (
        INITED if began else "", text, name, executions)
    return 1, output, libfuzzer_log.parse(output)


def clean(executions=100):
    output = "stat::number_of_executed_units: %d\n" % executions
    return 0, output, libfuzzer_log.parse(output)


class FakeCaller:
    """Plays the caller's side: hands out scripted segments, records what it was asked to
    set aside and announce, and counts its budget in executions."""

    def __init__(self, segments, budget=10 ** 9):
        self.segments = list(segments)
        self.budget = budget
        self.seen_executions = []  # executions done before each segment, as run() says
        self.set_aside_calls, self.announced = [], []

    def run_segment(self, restarts):
        self.seen_executions.append(restarts.executions)
        return self.segments.pop(0)

    def set_aside(self, artifact, bug):
        self.set_aside_calls.append((artifact, bug.id))
        return "aside/" + artifact

    def budget_left(self, restarts):
        left = self.budget - restarts.executions
        return left if left > 0 else None

    def announce(self, bug, moved, left):
        self.announced.append((bug.id, moved, left))

    def run(self, version="3.11"):
        return known_crash_restarts.run(self.run_segment, version, self.set_aside,
                                        self.budget_left, announce=self.announce)


class KnownCrashRestartsTest(unittest.TestCase):
    def test_known_crashes_are_set_aside_and_the_run_goes_on(self):
        caller = FakeCaller([crash(CLEARWEAKREFS, "crash-a"), crash(CLEARWEAKREFS, "crash-b"),
                             clean()])
        restarts = caller.run()
        self.assertTrue(restarts.last_run_stands)
        self.assertEqual(len(restarts.segments), 3)
        self.assertEqual(restarts.last.rc, 0)
        self.assertEqual(caller.set_aside_calls, [("crash-a", "cpython-clearweakrefs-gc"),
                                                  ("crash-b", "cpython-clearweakrefs-gc")])
        self.assertEqual([(bug.id, moved) for bug, moved in restarts.set_apart],
                         [("cpython-clearweakrefs-gc", "aside/crash-a"),
                          ("cpython-clearweakrefs-gc", "aside/crash-b")])
        self.assertEqual(caller.announced,
                         [("cpython-clearweakrefs-gc", "aside/crash-a", 10 ** 9 - 100),
                          ("cpython-clearweakrefs-gc", "aside/crash-b", 10 ** 9 - 200)])
        self.assertEqual(caller.seen_executions, [0, 100, 200])
        self.assertEqual(restarts.executions, 300)

    def test_a_set_aside_segment_no_longer_reads_as_a_finding(self):
        restarts = FakeCaller([crash(CLEARWEAKREFS, "crash-a"), clean()]).run()
        first = restarts.segments[0].log
        self.assertEqual((first.artifacts, first.summaries), ([], []))

    def test_any_other_crash_stands_and_nothing_is_set_aside(self):
        caller = FakeCaller([crash(OTHER_CRASH, "crash-a"), clean()])
        restarts = caller.run()
        self.assertTrue(restarts.last_run_stands)
        self.assertEqual((len(restarts.segments), restarts.last.rc), (1, 1))
        self.assertEqual(restarts.last.log.artifacts, ["crash-a"])
        self.assertEqual((caller.set_aside_calls, caller.announced, restarts.set_apart),
                         ([], [], []))

    def test_the_known_crash_on_a_version_it_does_not_affect_stands(self):
        caller = FakeCaller([crash(CLEARWEAKREFS, "crash-a")])
        restarts = caller.run(version="3.12")
        self.assertTrue(restarts.last_run_stands)
        self.assertEqual(caller.set_aside_calls, [])

    def test_a_known_crash_without_exactly_one_artifact_stands(self):
        rc, output, _ = crash(CLEARWEAKREFS, "crash-a")
        two = output + "Test unit written to crash-b\n"
        none = output.replace("Test unit written to crash-a\n", "")
        for text in (two, none):
            caller = FakeCaller([(rc, text, libfuzzer_log.parse(text))])
            restarts = caller.run()
            self.assertTrue(restarts.last_run_stands)
            self.assertEqual(caller.set_aside_calls, [])

    def test_a_clean_exit_stands_whatever_it_printed(self):
        _, output, log = crash(CLEARWEAKREFS, "crash-a")
        caller = FakeCaller([(0, output, log)])
        self.assertTrue(caller.run().last_run_stands)
        self.assertEqual(caller.set_aside_calls, [])

    def test_it_gives_up_after_so_many_quick_crashes_in_a_row(self):
        limit = known_crash_restarts.QUICK_RESTARTS_BEFORE_GIVING_UP
        caller = FakeCaller([crash(CLEARWEAKREFS, "crash-%d" % i, began=False)
                             for i in range(limit + 5)])
        restarts = caller.run()
        self.assertTrue(restarts.gave_up)
        self.assertEqual(restarts.quick_in_a_row, limit + 1)
        self.assertEqual(len(restarts.set_apart), limit + 1, "the crash that gives up is set aside")
        self.assertEqual(len(caller.announced), limit, "no restart is announced after giving up")

    def test_a_crash_after_fuzzing_began_starts_the_count_again(self):
        limit = known_crash_restarts.QUICK_RESTARTS_BEFORE_GIVING_UP
        began = [False] * limit + [True] + [False] * (limit + 1)
        caller = FakeCaller([crash(CLEARWEAKREFS, "crash-%d" % i, began=b)
                             for i, b in enumerate(began)])
        restarts = caller.run()
        self.assertTrue(restarts.gave_up)
        self.assertEqual(len(restarts.segments), len(began))

    def test_crashes_after_fuzzing_began_never_give_up(self):
        many = 3 * known_crash_restarts.QUICK_RESTARTS_BEFORE_GIVING_UP
        caller = FakeCaller([crash(CLEARWEAKREFS, "crash-%d" % i) for i in range(many)]
                            + [clean()])
        restarts = caller.run()
        self.assertTrue(restarts.last_run_stands)
        self.assertEqual((len(restarts.set_apart), restarts.quick_in_a_row), (many, 0))

    def test_a_budget_used_up_after_a_set_aside_ends_the_run(self):
        caller = FakeCaller([crash(CLEARWEAKREFS, "crash-%d" % i) for i in range(5)],
                            budget=250)
        restarts = caller.run()
        self.assertTrue(restarts.budget_used_up)
        self.assertEqual((len(restarts.set_apart), restarts.executions), (3, 300))
        self.assertEqual([left for _, _, left in caller.announced], [150, 50])

    def test_giving_up_is_decided_before_the_budget(self):
        limit = known_crash_restarts.QUICK_RESTARTS_BEFORE_GIVING_UP
        caller = FakeCaller([crash(CLEARWEAKREFS, "crash-%d" % i, began=False)
                             for i in range(limit + 1)], budget=100 * (limit + 1))
        self.assertTrue(caller.run().gave_up)

    def test_a_time_budget_too_short_to_reload_the_corpus_is_used_up(self):
        least = known_crash_restarts.MIN_SECONDS_FOR_A_RESTART
        self.assertIsNone(known_crash_restarts.seconds_left(100 + least - 0.1, 100))
        self.assertEqual(known_crash_restarts.seconds_left(100 + least, 100), least)


if __name__ == "__main__":
    unittest.main()
