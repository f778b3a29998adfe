"""Which target decoded a raw file: read from where it was saved, never guessed from bytes."""
import os
import tempfile
import unittest

from gcfuzz import program_tool


class RawTargetHintTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.root = self.folder.name

    def tearDown(self):
        self.folder.cleanup()

    def write(self, *parts):
        path = os.path.join(self.root, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(b"\x00\x01")
        return path

    def test_a_target_folder(self):
        path = self.write("work", "threads_fuzzer", "findings", "crash-1")
        self.assertEqual(program_tool.raw_target_hint(path), "threads_fuzzer")

    def test_a_hunt_folder_of_a_defect_hunted_elsewhere(self):
        path = self.write("work", "hunt", "thread-affine-traverse", "seed-3", "crash-1")
        self.assertEqual(program_tool.raw_target_hint(path), "threads_fuzzer")
        path = self.write("work", "hunt", "module-state-in-dealloc", "seed-1", "crash-1")
        self.assertEqual(program_tool.raw_target_hint(path), "lifecycle_fuzzer")

    def test_a_graph_defect_hunt_folder_is_graph_fuzzer_and_elsewhere_no_hint(self):
        # graph_fuzzer saved it: a serialized program that uses a thread is raw bytes to it.
        self.assertEqual(program_tool.raw_target_hint(
            self.write("work", "hunt", "weakrefs-not-cleared", "seed-1", "crash-1")), "graph_fuzzer")
        self.assertIsNone(program_tool.raw_target_hint(self.write("elsewhere", "crash-1")))

    def test_a_sidecar_wins_and_a_bad_one_is_ignored(self):
        path = self.write("work", "threads_fuzzer", "findings", "crash-2")
        with open(path + ".target", "w") as handle:
            handle.write("lifecycle_fuzzer\n")
        self.assertEqual(program_tool.raw_target_hint(path), "lifecycle_fuzzer")
        with open(path + ".target", "w") as handle:
            handle.write("no_such_fuzzer\n")
        self.assertEqual(program_tool.raw_target_hint(path), "threads_fuzzer")


if __name__ == "__main__":
    unittest.main()
