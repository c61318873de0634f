"""bhxh-desk scan on generated media: single images, an image folder (with a broken file and a
frame without a code), an MJPEG .avi written by OpenCV and an .mp4 made by ffmpeg from PNG frames.
Checks the JSON lines (payload, kind, fields, warnings, corners), the summary on stderr, the
readable output, and the exit code for an unreadable argument."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import resource
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from hostile_media import write_png_bomb  # noqa: E402

ARGS = None
DATA = None  # generated once for the whole run
EXPECTED = {}


def run(*args):
    return subprocess.run([ARGS.app, *args], capture_output=True, text=True, timeout=240)


def scan_json(*paths):
    out = run("scan", "--json", *paths)
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return out, lines


def setUpModule():
    global DATA
    DATA = tempfile.mkdtemp(prefix="bhxh-scan-cli-")
    subprocess.run([ARGS.writer, DATA], check=True, timeout=120)
    with open(os.path.join(DATA, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            rel, payload = line.rstrip("\n").split("\t", 1)
            EXPECTED[rel] = None if payload == "-" else payload
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-framerate", "10", "-i",
                    os.path.join(DATA, "frames", "frame_%03d.png"), "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-crf", "18", os.path.join(DATA, "clip.mp4")], check=True, timeout=120)


def tearDownModule():
    shutil.rmtree(DATA, ignore_errors=True)


class ScanCliTest(unittest.TestCase):
    def path(self, rel):
        return os.path.join(DATA, rel)

    def test_single_images_are_decoded_and_parsed(self):
        out, lines = scan_json(self.path("cccd.png"), self.path("bhyt_phone.jpg"), self.path("unknown.png"))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(len(lines), 3)
        cccd, bhyt, unknown = lines
        self.assertEqual(cccd["file"], self.path("cccd.png"))
        self.assertEqual(cccd["frame"], 0)
        self.assertTrue(cccd["ok"])
        self.assertEqual(cccd["kind"], "cccd")
        self.assertEqual(cccd["text"], EXPECTED["cccd.png"])
        self.assertEqual(cccd["fields"]["id_number"], "079090001234")
        self.assertEqual(cccd["fields"]["full_name"], "Nguyễn Văn An")
        self.assertEqual(cccd["fields"]["date_of_birth"], "1990-03-15")
        self.assertIsNone(cccd["error"])
        self.assertGreater(cccd["decode_ms"], 0)
        self.assertEqual(len(cccd["corners"]), 4)
        for x, y in cccd["corners"]:
            self.assertTrue(0 <= x <= 1280 and 0 <= y <= 720)
        self.assertEqual(bhyt["kind"], "bhyt")
        self.assertEqual(bhyt["text"], EXPECTED["bhyt_phone.jpg"])
        self.assertEqual(bhyt["fields"]["bhxh_code"], "7912345678")
        self.assertEqual(bhyt["fields"]["full_name"], "Nguyễn Văn An")
        self.assertEqual(unknown["kind"], "unknown")
        self.assertEqual(unknown["text"], EXPECTED["unknown.png"])
        self.assertEqual(unknown["fields"], {})
        self.assertIn("3 image(s)/frame(s), 3 with a QR code (cccd 1, bhyt 1, unknown 1)", out.stderr)

    def test_folder_reports_every_image_including_broken_and_empty_ones(self):
        folder = tempfile.mkdtemp(dir=DATA)
        for name in os.listdir(self.path("folder")):
            shutil.copy(os.path.join(self.path("folder"), name), folder)
        with open(os.path.join(folder, "broken.png"), "wb") as f:
            f.write(b"not a png at all")
        with open(os.path.join(folder, "notes.txt"), "w") as f:
            f.write("ignored")
        # A GIF, a JFIF and an AVIF copy of card 0 (FFmpeg writes the AVIF with libaom), and a
        # broken GIF that FFmpeg opens and cannot read.
        card0 = os.path.join(folder, "card_0.png")
        for ext, codec in ((".gif", []), (".avif", ["-c:v", "libaom-av1", "-still-picture", "1"])):
            subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", card0, *codec, "-frames:v", "1",
                            os.path.join(folder, "copy_0" + ext)], check=True, timeout=120)
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", card0, "-f", "mjpeg",
                        os.path.join(folder, "copy_0.jfif")], check=True, timeout=120)
        with open(os.path.join(folder, "broken.gif"), "wb") as f:
            f.write(b"GIF89a\x10\x00\x10\x00" + b"not a picture" * 4)
        out, lines = scan_json(folder)
        self.assertEqual(out.returncode, 0, out.stderr)  # a broken file inside a folder is not a bad argument
        by_name = {os.path.basename(l["file"]): l for l in lines}
        self.assertEqual(sorted(by_name), ["broken.gif", "broken.png", "card_0.png", "card_1.png", "card_2.png",
                                           "copy_0.avif", "copy_0.gif", "copy_0.jfif", "empty.png"])
        for name in ("copy_0.avif", "copy_0.gif", "copy_0.jfif"):
            self.assertTrue(by_name[name]["ok"], by_name[name])
            self.assertEqual(by_name[name]["text"], EXPECTED["folder/card_0.png"], name)
        self.assertFalse(by_name["broken.gif"]["ok"])
        self.assertIn("broken.gif: not a readable image", by_name["broken.gif"]["error"])
        # Only the desk's own lines on stderr: FFmpeg's ("[gif @ 0x…] invalid block label") are off.
        self.assertNotIn(" @ 0x", out.stderr, out.stderr)
        for i in range(3):
            line = by_name[f"card_{i}.png"]
            self.assertTrue(line["ok"], line)
            self.assertEqual(line["text"], EXPECTED[f"folder/card_{i}.png"])
            self.assertIn(line["kind"], ("cccd", "bhyt"))
        self.assertFalse(by_name["empty.png"]["ok"])
        self.assertEqual(by_name["empty.png"]["kind"], "none")
        self.assertIsNone(by_name["empty.png"]["text"])
        self.assertFalse(by_name["broken.png"]["ok"])
        self.assertIn("not a readable image", by_name["broken.png"]["error"])

    def test_videos_give_one_object_per_frame(self):
        for video in ("clip.avi", "clip.mp4"):
            with self.subTest(video=video):
                out, lines = scan_json(self.path(video))
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual([l["frame"] for l in lines], list(range(8)))
                for l in lines:
                    self.assertEqual(l["file"], self.path(video))
                    want = EXPECTED[f"frames/frame_{l['frame']:03d}.png"]
                    if want is None:
                        self.assertEqual(l["kind"], "none")
                        self.assertFalse(l["ok"])
                decoded = [l for l in lines if l["ok"]]
                self.assertGreaterEqual(len(decoded), 4)  # of the 5 frames with a code
                for l in decoded:
                    self.assertEqual(l["kind"], "bhyt")
                    self.assertEqual(l["text"], EXPECTED["frames/frame_003.png"])

    def test_readable_output(self):
        out = run("scan", self.path("cccd.png"))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn(self.path("cccd.png") + "#0: cccd " + EXPECTED["cccd.png"], out.stdout)

    def test_unreadable_argument_is_a_non_zero_exit_and_the_rest_still_runs(self):
        bad = os.path.join(DATA, "corrupt.jpg")
        with open(bad, "wb") as f:
            f.write(b"\xff\xd8 broken")
        junk_video = os.path.join(DATA, "junk.mp4")
        with open(junk_video, "wb") as f:
            f.write(b"not a video")
        for arg in ("/nonexistent/card.png", bad, junk_video):
            with self.subTest(arg=arg):
                out, lines = scan_json(arg, self.path("cccd.png"))
                self.assertNotEqual(out.returncode, 0)
                self.assertIn(arg, out.stderr)
                self.assertTrue(any(l["ok"] and l["kind"] == "cccd" for l in lines))

    def test_control_characters_in_a_payload_are_escaped_in_the_text_output(self):
        out = run("scan", self.path("control.png"))
        self.assertEqual(out.returncode, 0, out.stderr)
        for raw in ("\x1b", "\x07", "\u009b"):
            self.assertNotIn(raw, out.stdout + out.stderr)
        self.assertIn("X\\x1b]0;pwned\\x07\\x1b[2J\\u009b31mY", out.stdout)
        out, lines = scan_json(self.path("control.png"))
        self.assertEqual(lines[0]["text"], EXPECTED["control.png"])  # JSON escapes, the value is intact
        self.assertNotIn("\x1b", out.stdout)

    def test_a_decompression_bomb_is_refused_from_its_header(self):
        bomb = write_png_bomb(os.path.join(DATA, "bomb.png"))  # 30000 x 30000 in under 1 MB
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out, lines = scan_json(bomb, self.path("cccd.png"))
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("30000 × 30000", out.stderr)
        self.assertIn("limit is 40 MP", lines[0]["error"])
        self.assertTrue(lines[1]["ok"])
        if peak_mb > before / 1024:  # this run set a new peak: it must still be small
            self.assertLess(peak_mb, 600, "the bomb was decoded")
        folder = os.path.join(DATA, "bomb-folder")
        os.makedirs(folder, exist_ok=True)
        os.replace(bomb, os.path.join(folder, "bomb.png"))
        out, lines = scan_json(folder)
        self.assertEqual(out.returncode, 0, out.stderr)  # a bad file inside a folder is reported
        self.assertIn("30000 × 30000", lines[0]["error"])

    def test_list_cameras_answers_without_a_camera(self):
        out = run("scan", "--list-cameras")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stderr, r"scan: \d+ camera\(s\) found")

    def test_payload_never_reaches_the_log_and_no_arguments_is_usage(self):
        out = run("scan")
        self.assertEqual(out.returncode, 2)
        out = run("scan", "--json", self.path("cccd.png"))
        self.assertNotIn("079090001234", out.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--writer", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
