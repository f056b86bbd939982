"""Tests of run-notebooks.py's progress printing: /usr/bin/python3 -m unittest discover -s kernel-setup"""
import importlib.util
import io
import unittest
from pathlib import Path

import nbformat

spec = importlib.util.spec_from_file_location("run_notebooks", Path(__file__).with_name("run-notebooks.py"))
run_notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run_notebooks)


def notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# title"), nbformat.v4.new_code_cell("var a = 1;\nvar b = 2;"),
                nbformat.v4.new_code_cell("   "), nbformat.v4.new_code_cell("train();")]
    return nb


def stream(text):
    return {"msg_type": "stream", "content": {"name": "stdout", "text": text}, "header": {"msg_id": "s"}}


def display(text, display_id, kind="update_display_data", mime="text/plain"):
    return {"msg_type": kind, "content": {"data": {mime: text}, "transient": {"display_id": display_id}},
            "header": {"msg_id": "d"}}


class CellReporterTest(unittest.TestCase):
    def setUp(self):
        self.now = 0.0
        self.out = io.StringIO()
        self.nb = notebook()
        self.reporter = run_notebooks.CellReporter(self.nb, every=10, out=self.out, clock=lambda: self.now)

    def lines(self):
        return self.out.getvalue().splitlines()

    def test_numbers_code_cells_among_code_and_all_cells_and_times_them(self):
        self.reporter.cell_started(self.nb.cells[0], 0)  # markdown: nothing
        self.reporter.cell_started(self.nb.cells[1], 1)
        self.now = 2.5
        self.reporter.cell_finished()
        self.reporter.cell_started(self.nb.cells[3], 3)
        self.assertEqual(["   [1/2] cell 2/4: var a = 1;", "      done in 2.5 s", "   [2/2] cell 4/4: train();"], self.lines())

    def test_stream_text_is_printed_by_whole_lines_and_the_rest_at_the_end(self):
        self.reporter.message(stream("epoch 1 "))
        self.assertEqual([], self.lines())
        self.reporter.message(stream("done\nepoch 2"))
        self.assertEqual(["      | epoch 1 done"], self.lines())
        self.reporter.cell_finished()
        self.assertEqual(["      | epoch 1 done", "      | epoch 2"], self.lines())

    def test_progress_updates_are_throttled_and_the_last_state_is_never_lost(self):
        self.reporter.message(display("bar 0%", "p", kind="display_data"))
        for t, text in [(1, "bar 10%"), (5, "bar 50%"), (10, "bar 100%"), (11, "bar done")]:
            self.now = t
            self.reporter.message(display(text, "p"))
        self.assertEqual(["      | bar 0%", "      | bar 100%"], self.lines())
        self.reporter.message(display("second 0%", "q", kind="display_data"))  # the first bar's last state first
        self.assertEqual(["      | bar 0%", "      | bar 100%", "      | bar done", "      | second 0%"], self.lines())

    def test_a_progress_state_is_printed_before_text_that_follows_it(self):
        self.reporter.message(display("encoding 0%", "e", kind="display_data"))
        self.now = 1
        self.reporter.message(display("encoding 100%", "e"))
        self.reporter.message(stream("EncodedDataset[100 rows]\n"))
        self.assertEqual(["      | encoding 0%", "      | encoding 100%", "      | EncodedDataset[100 rows]"], self.lines())

    def test_charts_and_tables_are_not_printed(self):
        self.reporter.message(display("iVBOR...", "i", kind="display_data", mime="image/png"))
        self.reporter.message({"msg_type": "display_data", "header": {"msg_id": "t"},
                               "content": {"data": {"text/html": "<table/>", "text/plain": "table"}}})
        self.reporter.cell_finished()
        self.assertEqual([], self.lines())


if __name__ == "__main__":
    unittest.main()
