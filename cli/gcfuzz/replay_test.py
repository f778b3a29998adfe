import os
import tempfile
import unittest
from unittest import mock

from gcfuzz import replay
from gcfuzz.errors import SetupError, UsageError

IDS = ["traverse-misses-member", "borrowed-ref-kept"]


class CheckFindingFileTest(unittest.TestCase):
    def test_missing_empty_and_folder_are_one_line_errors(self):
        with tempfile.TemporaryDirectory() as folder:
            empty = os.path.join(folder, "crash-empty")
            open(empty, "wb").close()
            for path, words in ((os.path.join(folder, "nope"), "no such file"),
                                (empty, "empty file"), (folder, "not a file")):
                with self.assertRaises(SetupError) as caught:
                    replay.check_finding_file(path)
                self.assertIn(words, str(caught.exception))
                self.assertNotIn("\n", str(caught.exception))


class PlantForTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def file_in(self, *parts):
        path = os.path.join(self.folder.name, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(b"x")
        return path

    def test_explicit_wins_and_is_checked(self):
        path = self.file_in("borrowed-ref-kept", "crash-1")
        self.assertEqual(replay.plant_for(path, "traverse-misses-member", IDS)[0], "traverse-misses-member")
        with self.assertRaises(UsageError):
            replay.plant_for(path, "no-such-defect", IDS)

    def test_sidecar_then_folder_then_environment(self):
        path = self.file_in("hunt", "traverse-misses-member", "seed-1", "crash-1")
        self.assertEqual(replay.plant_for(path, None, IDS), ("traverse-misses-member",
                                                             "folder traverse-misses-member/"))
        with open(path + ".plant", "w") as handle:
            handle.write("borrowed-ref-kept\n")
        self.assertEqual(replay.plant_for(path, None, IDS)[0], "borrowed-ref-kept")
        plain = self.file_in("elsewhere", "crash-2")
        with mock.patch.dict(os.environ, {"GCFUZZ_PLANT": "borrowed-ref-kept"}):
            self.assertEqual(replay.plant_for(plain, None, IDS)[0], "borrowed-ref-kept")
        with mock.patch.dict(os.environ, {"GCFUZZ_PLANT": ""}):
            self.assertEqual(replay.plant_for(plain, None, IDS)[0], "")


if __name__ == "__main__":
    unittest.main()
