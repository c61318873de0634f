"""Printing through a real IPP printer: ippeveprinter (Debian cups-ipp-utils) on a free loopback
port keeps each job's document in its spool folder (tests/lib/ipp_printer.py). The receipt is
written by `bhxh-desk receipt` from a real database (receipt_cli_test's setUp) and sent with
`bhxh-desk print` (print::IppPrinter, libcups):

- the job is accepted and completed, and the spooled document is the PDF itself: byte for byte,
  and pdftotext finds the citizen's name in it;
- a printer that stopped answering (SIGSTOP) and one that is gone: a clear error within the
  bounded wait, exit 1, and the PDF is still there;
- a missing printer setting is a usage error naming [print] printer_uri.
A missing ippeveprinter or dbus-daemon fails the test naming the Debian package."""
import argparse
import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)

import receipt_cli_test as receipt  # noqa: E402  (the database with a decided declaration)
from ipp_printer import IppPrinter  # noqa: E402

ARGS = None


def run(*args, timeout=120):
    return subprocess.run([ARGS.app, *args], capture_output=True, text=True, timeout=timeout)


class PrintCliTest(unittest.TestCase):
    def setUp(self):
        receipt.ReceiptCliTest.setUp(self)  # self.dir, self.db, self.config
        out = run("--config", self.config, "receipt", receipt.APPROVED)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.pdf = out.stdout.strip()
        self.printer = IppPrinter(os.path.join(self.dir, "spool")).start()
        self.addCleanup(self.printer.stop)

    def pdf_text(self, pdf):
        return receipt.ReceiptCliTest.pdf_text(self, pdf)

    def test_the_receipt_is_printed_and_the_printer_holds_the_pdf_with_the_name(self):
        out = run("--config", self.config, "print", self.pdf, "--printer", self.printer.uri, "--timeout", "60")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        lines = out.stdout.splitlines()
        self.assertRegex(lines[-1], r"^job \d+: completed$", out.stdout)
        self.assertEqual(lines[0], "sending", out.stdout)
        self.assertTrue(any(line.endswith(": pending") or line.endswith(": processing") for line in lines), out.stdout)
        jobs = self.printer.wait_for_jobs(1)
        self.assertEqual(len(jobs), 1)
        with open(jobs[0], "rb") as spooled, open(self.pdf, "rb") as original:
            self.assertEqual(spooled.read(), original.read())
        self.assertIn(receipt.NAME, self.pdf_text(str(jobs[0])))
        self.assertTrue(os.path.exists(self.pdf))  # the PDF stays after printing

    def test_the_configured_printer_is_used_and_a_missing_setting_is_named(self):
        out = run("--config", self.config, "print", self.pdf)
        self.assertEqual(out.returncode, 2)
        self.assertIn("[print] printer_uri", out.stderr)
        with open(self.config, "a", encoding="utf-8") as f:
            f.write(f'[print]\nprinter_uri = "{self.printer.uri}"\n')
        out = run("--config", self.config, "print", self.pdf)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertEqual(len(self.printer.wait_for_jobs(1)), 1)

    def test_a_printer_that_does_not_answer_is_a_clear_error_within_the_wait_and_the_pdf_is_kept(self):
        self.printer.freeze()
        started = time.monotonic()
        out = run("--config", self.config, "print", self.pdf, "--printer", self.printer.uri, "--timeout", "5")
        elapsed = time.monotonic() - started
        self.printer.thaw()
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("not printed (unreachable)", out.stderr)
        self.assertIn("did not answer in time", out.stderr)
        self.assertIn("the PDF is kept at " + self.pdf, out.stderr)
        self.assertLess(elapsed, 40, "the wait is bounded")
        self.assertTrue(os.path.exists(self.pdf))
        self.assertEqual(self.printer.jobs(), [])

    def test_a_printer_that_is_gone_is_a_clear_error_and_the_pdf_is_kept(self):
        uri = self.printer.uri
        self.printer.stop()
        out = run("--config", self.config, "print", self.pdf, "--printer", uri, "--timeout", "5")
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertIn("not printed (unreachable)", out.stderr)
        self.assertIn("cannot connect to localhost", out.stderr)
        self.assertTrue(os.path.exists(self.pdf))

    def test_a_file_that_is_not_a_pdf_is_not_sent(self):
        text = os.path.join(self.dir, "note.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("not a PDF\n")
        out = run("--config", self.config, "print", text, "--printer", self.printer.uri)
        self.assertEqual(out.returncode, 1)
        self.assertIn("not printed (file): not a readable PDF", out.stderr)
        self.assertEqual(self.printer.jobs(), [])

    def test_a_uri_that_is_not_ipp_is_refused(self):
        out = run("--config", self.config, "print", self.pdf, "--printer", "http://localhost/printer")
        self.assertEqual(out.returncode, 2)
        self.assertIn("not an ipp:// or ipps:// printer URI", out.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--assets", required=True)
    parser.add_argument("--migrations", required=True)
    ARGS, rest = parser.parse_known_args()
    receipt.ARGS = argparse.Namespace(app=ARGS.app, assets=ARGS.assets, migrations=ARGS.migrations, keep=None)
    unittest.main(argv=[sys.argv[0], *rest])
