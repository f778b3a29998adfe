import os
import re
import unittest

from gcfuzz import defects, paths

DOC = os.path.join(paths.ROOT, "docs", "defects.md")


def sections():
    """{id: its text} for every `## id` section of docs/defects.md."""
    with open(DOC, encoding="utf-8") as handle:
        text = handle.read()
    parts = re.split(r"^## (\S+)\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


class TableTest(unittest.TestCase):
    def test_the_table_parses_whole(self):
        rows = defects.catalog()
        self.assertEqual(len(rows), len({row.id for row in rows}))
        self.assertGreater(len(rows), 0)
        for row in rows:
            self.assertIn(row.target, ("graph_fuzzer", "threads_fuzzer", "lifecycle_fuzzer"),
                          row.id)
            self.assertGreater(row.find_runs, 0, row.id)

    def test_a_row_the_readers_cannot_read_is_an_error(self):
        self.assertEqual(defects.parse('GCFUZZ_DEFECT(A, "a", maybe, "graph_fuzzer", "", 1,\n'
                                       '  "x",\n  "y")\n'), [])

    def test_versions_before_python_min_do_not_have_the_defect(self):
        row = defects.Defect("x", False, "graph_fuzzer", "3.9", 1, "", "")
        # 3.13 is newer than 3.9 although "3.13" < "3.9" as text.
        self.assertEqual([defects.exists_on(row, v) for v in ("3.8", "3.9", "3.13")],
                         [False, True, True])
        self.assertTrue(defects.exists_on(row._replace(python_min=""), "3.6"))


class CatalogDocumentTest(unittest.TestCase):
    """docs/defects.md explains every row of defects.def, and what it says of a defect's
    target and oldest interpreter is what the table says."""

    def test_every_defect_has_a_section_and_no_section_is_unknown(self):
        self.assertEqual(sorted(sections()), sorted(defects.ids()))

    def test_what_a_section_says_of_the_target_is_the_tables(self):
        for bug_id, text in sections().items():
            row = defects.by_id()[bug_id]
            named = re.findall(r"\*\*Hunted by\*\* `(\w+)`", text)
            self.assertEqual(named or ["graph_fuzzer"], [row.target], bug_id)
            oldest = re.findall(r"\*\*Oldest interpreter\.\*\* (\d+\.\d+)", text)
            self.assertEqual(oldest, [row.python_min] if row.python_min else [], bug_id)


if __name__ == "__main__":
    unittest.main()
