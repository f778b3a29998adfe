"""oss_fuzz_check: the pieces of the platform's checks that need no build (the CTest
oss_fuzz.one_target runs the whole of ./gcfuzz oss-fuzz)."""
import os
import tempfile
import unittest

from gcfuzz import oss_fuzz_check, oss_fuzz_env, targets


class OssFuzzCheckTest(unittest.TestCase):
    def test_options_sections_merge_over_the_runners_settings(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "t.options")
            with open(path, "w") as handle:
                handle.write("# comment\n[libfuzzer]\ndetect_leaks = 0\nrss_limit_mb = 8192\n\n"
                             "[asan]\ndetect_leaks = 1\nquarantine_size_mb = 64\n")
            options = targets.read_options(path)
        self.assertEqual(targets.libfuzzer_flags(options),
                         ["-detect_leaks=0", "-rss_limit_mb=8192"])
        env = oss_fuzz_check.run_environment(
            "address", options, {"ASAN_OPTIONS": "detect_leaks=0:quarantine_size_mb=10:symbolize=1"})
        self.assertEqual(env, {"ASAN_OPTIONS": "detect_leaks=1:quarantine_size_mb=64:symbolize=1"})
        self.assertEqual(targets.read_options(os.path.join(directory, "none")), {})

    def test_a_regression_is_one_the_build_can_flag(self):
        bug_id, path = oss_fuzz_check.regression_for("graph_fuzzer", "address", "3.11")
        self.assertTrue(os.path.exists(path), path)
        self.assertEqual(os.path.basename(path), bug_id + ".gcfz")
        # Without ASan, only a defect whose signal needs none.
        bug_id, _ = oss_fuzz_check.regression_for("graph_fuzzer", "undefined", "3.11")
        self.assertIn(bug_id, {d for d in ("traverse-misses-member", "gc-opaque-holder",
                                           "heap-type-no-visit-type", "traverse-visits-unowned",
                                           "traverse-side-effects", "heap-type-type-refcount")})
        self.assertIsNone(oss_fuzz_check.regression_for("pairs_graph_fuzzer", "address", "3.11"))

    def test_coverage_is_the_largest_status_count(self):
        output = ("#2\tINITED cov: 246 ft: 247 corp: 1/1b exec/s: 0 rss: 36Mb\n"
                  "#4\tDONE   cov: 251 ft: 260 corp: 2/9b lim: 4 exec/s: 0 rss: 37Mb\n"
                  "Done 4 runs in 0 second(s)\n")
        self.assertEqual(oss_fuzz_check.edges(output), 251)
        self.assertEqual(oss_fuzz_check.edges("no status\n"), 0)

    def test_the_build_environment_is_oss_fuzzs(self):
        env = oss_fuzz_env.build_environment("undefined", "/s", "/o", "/w")
        self.assertIn("-fsanitize=fuzzer-no-link", env["CFLAGS"])
        self.assertIn("-fsanitize=array-bounds", env["CFLAGS"])
        self.assertNotIn("unsigned-integer-overflow", env["CFLAGS"].split("-fno-sanitize-recover=")[1])
        self.assertEqual((env["SRC"], env["OUT"], env["WORK"], env["LIB_FUZZING_ENGINE"]),
                         ("/s", "/o", "/w", "-fsanitize=fuzzer"))


if __name__ == "__main__":
    unittest.main()
