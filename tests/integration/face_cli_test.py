"""bhxh-desk face-compare and face-eval on the real models and the labelled photos: JSON shape,
bands at the configured cut-offs, a face-less image, a corrupt file, missing models, bad
cut-offs in the configuration."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from hostile_media import write_png_bomb  # noqa: E402

ARGS = None


def run(*args, env=None):
    return subprocess.run([ARGS.app, *args], capture_output=True, text=True, timeout=300, env=env)


class FaceCliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.assertTrue(os.path.isfile(os.path.join(ARGS.faces, "identities.csv")),
                        f"labelled photos not found in {ARGS.faces}: clone the project with shared/ beside it "
                        "or configure with -DBHXH_FACES_DIR=...")

    def photo(self, name):
        return os.path.join(ARGS.faces, name)

    def write(self, name, data):
        path = os.path.join(self.tmp.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def compare(self, a, b, *extra):
        out = run(*extra, "face-compare", "--json", a, b)
        return out, (json.loads(out.stdout) if out.stdout.strip() else None)

    def test_same_and_different_person(self):
        out, j = self.compare(self.photo("img1.jpg"), self.photo("img2.jpg"))
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertEqual(set(j) >= {"score", "band", "faces_a", "faces_b", "ms"}, True, j)
        self.assertEqual(j["band"], "same")
        self.assertEqual((j["faces_a"], j["faces_b"]), (1, 1))
        self.assertGreaterEqual(j["score"], j["thresholds"]["same_at_or_above"])
        out, j = self.compare(self.photo("img1.jpg"), self.photo("img3.jpg"))
        self.assertEqual(j["band"], "different")
        self.assertLess(j["score"], j["thresholds"]["different_below"])

    def test_cut_offs_come_from_the_configuration(self):
        cfg = self.write("c.toml", b"[face]\nsame_at_or_above = 0.99\ndifferent_below = 0.98\n")
        out, j = self.compare(self.photo("img1.jpg"), self.photo("img2.jpg"), "--config", cfg)
        self.assertEqual(j["band"], "different")
        bad = self.write("bad.toml", b"[face]\nsame_at_or_above = 0.2\ndifferent_below = 0.3\n")
        out = run("--config", bad, "face-compare", self.photo("img1.jpg"), self.photo("img2.jpg"))
        self.assertEqual(out.returncode, 2)
        self.assertIn("face.different_below", out.stderr)

    def test_no_face_and_corrupt_image(self):
        # A plain grey 96x64 picture (binary PPM): an image, but no face.
        blank = b"P6\n96 64\n255\n" + bytes([128]) * (96 * 64 * 3)
        out, j = self.compare(self.photo("img1.jpg"), self.write("blank.ppm", blank))
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertEqual(j["band"], "no_face")
        self.assertIsNone(j["score"])
        self.assertEqual(j["faces_b"], 0)
        out, j = self.compare(self.photo("img1.jpg"), self.write("broken.jpg", b"\xff\xd8\xff\xe0 not really"))
        self.assertEqual(out.returncode, 1)
        self.assertEqual(j["error"], "face.unreadable_image")
        self.assertIn("broken.jpg", j["message"])

    def test_a_folder_in_place_of_a_photo_is_an_error_not_an_abort(self):
        # Issue 18: an uncaught std::ios_failure ended this with SIGABRT (exit 134).
        for args in ((self.tmp.name, self.photo("img1.jpg")), (self.photo("img1.jpg"), self.tmp.name)):
            out, j = self.compare(*args)
            self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
            self.assertEqual(j["error"], "face.unreadable_file")
            self.assertIn("not a file", j["message"])
            out = run("face-compare", *args)
            self.assertEqual(out.returncode, 1, out.stderr)
            self.assertNotIn("terminate called", out.stderr)

    def test_a_decompression_bomb_is_refused_before_decoding(self):
        bomb = write_png_bomb(os.path.join(self.tmp.name, "bomb.png"))
        out, j = self.compare(bomb, self.photo("img1.jpg"))
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertEqual(j["error"], "face.image_too_large")
        self.assertIn("30000 × 30000", j["message"])

    def test_missing_models_say_how_to_get_them(self):
        cfg = self.write("m.toml", f'[face]\nmodels_dir = "{self.tmp.name}"\n'.encode())
        out = run("--config", cfg, "face-compare", self.photo("img1.jpg"), self.photo("img2.jpg"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("fetch-models.sh", out.stderr)

    def test_face_eval_prints_the_figures(self):
        out = run("face-eval", "--json", "--manifest", self.photo("identities.csv"), ARGS.faces)
        self.assertEqual(out.returncode, 0, out.stderr)
        j = json.loads(out.stdout)
        self.assertEqual(j["images"], 61)
        sets = {s["set"]: s for s in j["sets"]}
        self.assertEqual(set(sets), {"clean", "clean-vs-degraded", "degraded-vs-degraded"})
        self.assertGreater(sets["clean"]["auc"], 0.99)
        self.assertEqual(sets["clean"]["genuine_pairs"] + sets["clean"]["impostor_pairs"], 61 * 60 // 2)
        for s in sets.values():
            self.assertEqual(s["impostors_at_or_above_same"], 0, s)
            self.assertLessEqual(s["genuines_below_different"], s["genuine_pairs"] // 20, s)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True)
    parser.add_argument("--faces", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
