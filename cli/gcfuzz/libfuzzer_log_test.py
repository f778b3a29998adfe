import unittest

from gcfuzz import libfuzzer_log

SAMPLE = """\
INFO: Seed: 1
#2\tINITED cov: 15 ft: 16 corp: 1/1b exec/s: 0 rss: 45Mb
#524288\tpulse  cov: 15 ft: 16 corp: 1/1b lim: 4096 exec/s: 262144 rss: 46Mb
==12== ERROR: gcfuzz: leak
bug class: traverse-misses-member
SUMMARY: gcfuzz: leak [traverse-misses-member]
==12== ERROR: libFuzzer: deadly signal
artifact_prefix='work/x/findings/'; Test unit written to work/x/findings/crash-abc
stat::number_of_executed_units: 600000
stat::average_exec_per_sec:     300000
"""


class ParseTest(unittest.TestCase):
    def test_reads_status_stats_findings(self):
        run = libfuzzer_log.parse(SAMPLE)
        self.assertEqual(run.total_executions, 600000)
        self.assertEqual(run.exec_per_second, 300000)
        self.assertEqual((run.coverage, run.features, run.corpus_size), (15, 16, 1))
        self.assertEqual(run.artifacts, ["work/x/findings/crash-abc"])
        self.assertEqual(run.summaries, [("gcfuzz", "leak [traverse-misses-member]")])

    def test_keeps_the_last_lifecycle_line(self):
        run = libfuzzer_log.parse("gcfuzz lifecycle: 256 inputs, 3 restarts\n"
                                  "#300\tpulse  cov: 1 ft: 1 corp: 1/1b\n"
                                  "gcfuzz lifecycle: 512 inputs, 9 restarts\n")
        self.assertEqual(run.lifecycle, "512 inputs, 9 restarts")
        self.assertIsNone(libfuzzer_log.parse(SAMPLE).lifecycle)

    def test_without_final_stats_falls_back_to_status_lines(self):
        run = libfuzzer_log.parse("#2\tINITED cov: 1 ft: 1 corp: 1/1b\nDone 2000 runs in 0 second(s)\n")
        self.assertEqual(run.total_executions, 2000)
        self.assertIsNone(run.exec_per_second)
        self.assertEqual(run.artifacts, [])

    def test_sanitizer_summaries_are_findings_text(self):
        run = libfuzzer_log.parse(
            "SUMMARY: AddressSanitizer: heap-use-after-free fixtures/dealloc.cc:10 in Dealloc\n")
        self.assertEqual(run.summaries[0][0], "AddressSanitizer")

    def test_a_foreign_abort_before_a_deadly_signal_is_a_summary_of_its_own(self):
        run = libfuzzer_log.parse(
            "thread '<unnamed>' panicked at src/lib.rs:3:5:\nbox is empty\n"
            "==7== ERROR: libFuzzer: deadly signal\nSUMMARY: libFuzzer: deadly signal\n"
            "SUMMARY: libFuzzer: deadly signal\n")
        self.assertEqual(run.summaries, [("Rust panic", "box is empty"),
                                         ("libFuzzer", "deadly signal"),
                                         ("libFuzzer", "deadly signal")])

    def test_progress_lines_give_exec_per_second_and_rss_growth_after_the_first_minutes(self):
        run = libfuzzer_log.Run()
        run._started = 0
        for now, inputs, rss in [(60, 6000, 400), (120, 12000, 420), (360, 30000, 500),
                                 (420, 36000, 505), (480, 600, 505)]:  # the last: a restart
            run._progress(inputs, rss, now=now)
        self.assertEqual([rate for _, rate, _ in run.minutes], [100, 100, 75, 100, None])
        self.assertEqual(run.memory_summary(), "RSS 500 MB at minute 5, 505 MB at the end "
                         "(+1.0 %); exec/s 100 first, 100 median, 100 last")
        self.assertEqual(run.minute_line(), "gcfuzz: minute 8.0: - exec/s, RSS 505 MB\n")
        self.assertIsNone(libfuzzer_log.parse("gcfuzz progress: 5 inputs, rss 1 MB\n")
                          .memory_summary())

    def test_fork_mode_counts_the_parents_executions(self):
        run = libfuzzer_log.parse(
            "#5000: cov: 1200 ft: 4000 corp: 300 exec/s: 2500 oom/timeout/crash: 0/0/0 "
            "time: 2s job: 1 dft_time: 0\n"
            "stat::number_of_executed_units: 106\n")
        self.assertEqual((run.total_executions, run.coverage, run.corpus_size),
                         (5000, 1200, 300))


if __name__ == "__main__":
    unittest.main()
