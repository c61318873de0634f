"""Helpers shared by the end-to-end and integration tests: drive the real bhxh-desk window under
Xvfb with xdotool, take screenshots with ImageMagick and read them with tesseract."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata

# Under the sanitizers (the asan preset) the console runs several times slower: a frame may last
# longer than a key is held, and sign-in (argon2id) longer than the usual wait. CMake sets these
# for the window tests when BHXH_SANITIZE is on (tests/e2e/CMakeLists.txt).
# A key held past ImGui's repeat delay (0.275 s) is taken twice, so the hold stays below it.
KEY_HOLD_S = min(float(os.environ.get("BHXH_E2E_KEY_HOLD_S", "0.08")), 0.25)
TIME_SCALE = float(os.environ.get("BHXH_E2E_TIME_SCALE", "1"))


class DeskHarness:
    """One bhxh-desk process with its own config, data and log folders under a temp dir."""

    def __init__(self, app, artifacts, config_extra=""):
        self.app = app
        self.artifacts = artifacts
        os.makedirs(artifacts, exist_ok=True)
        self.tmp = tempfile.mkdtemp(prefix="bhxh-e2e-")
        self.config = os.path.join(self.tmp, "config.toml")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(f'[paths]\ndata_dir = "{self.tmp}/data"\nlog_dir = "{self.tmp}/log"\n'
                    f'[audit]\nkey_file = "{self.tmp}/audit/audit.key"\n'
                    f'[ui]\nlanguage = "vi"\nwindow_width = 1400\nwindow_height = 860\n{config_extra}')
        self.proc = None
        self.window = None

    def add_officer(self, officer_id, password, role="clerk", name=None):
        """Creates an officer account with the real CLI (password on stdin, as scripts do)."""
        args = [self.app, "--config", self.config, "officer", "add", officer_id, "--role", role]
        if name:
            args += ["--name", name]
        done = subprocess.run(args, input=password + "\n", capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise AssertionError(f"officer add {officer_id} failed: {done.stderr}")

    def type_text(self, text):
        """Types ASCII text into the focused field (xdotool type drops Vietnamese letters)."""
        subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
        time.sleep(0.3)

    def sign_in(self, officer_id, password, prefilled=False):
        """Fills the sign-in form (the officer field first, unless --officer filled it) and waits
        for the views to open: the status bar then names the officer."""
        if not prefilled:
            self.type_text(officer_id)
            self.key("Tab")
        self.type_text(password)
        self.key("Return")
        self.wait_signed_in(officer_id)

    def wait_signed_in(self, officer_id, timeout=30):
        """Waits until the status bar names the officer (the views are open then)."""
        width, height = self.geometry()
        deadline = time.time() + timeout * TIME_SCALE
        while time.time() < deadline:
            shot = self.screenshot("_signin-probe")
            text = squash(self.ocr(shot, "eng", f"{width}x60+0+{height - 60}"))
            os.remove(shot)
            # OCR reads "q6" as "g6" now and then: the part after the office prefix is enough.
            if officer_id.split(".")[-1] + ")" in text:
                return
            time.sleep(0.5)
        self.screenshot("_signin-failed")
        raise AssertionError(f"{officer_id} could not sign in: {self.output()[-1500:]}")

    def start(self, *args, timeout=20, attempts=3):
        """Starts the desk and waits for its first frame. A start that finds no X display is tried
        again (the Xvfb of xvfb-run now and then refuses the first client of a test; the desk's
        GLFW error and what xdotool sees of the display go to stderr each time)."""
        for attempt in range(1, attempts + 1):
            if self._start_once(args, timeout):
                return
            sys.stderr.write(f"bhxh-desk found no display (attempt {attempt} of {attempts}); "
                             f"xdotool: {self._display_probe()}\n{self.logs()[-1500:]}\n")
            time.sleep(1.0)
        raise AssertionError(f"bhxh-desk found no display {attempts} times: {self.output()}")

    def _display_probe(self):
        probe = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True)
        return (probe.stdout or probe.stderr).strip()

    def _start_once(self, args, timeout):
        """True once the window shows; False when the desk found no display; raises otherwise."""
        if self.proc:
            self.log_out.close()  # a restart: the next run's output replaces the last one's
        self.log_out = open(os.path.join(self.tmp, "stdout.txt"), "w")
        self.proc = subprocess.Popen([self.app, "--config", self.config, *args],
                                     stdout=self.log_out, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                if "cannot open the display" in self.output():
                    return False
                raise AssertionError(f"bhxh-desk exited early with {self.proc.returncode}: {self.output()}")
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "BHXH"],
                                   capture_output=True, text=True)
            if found.returncode == 0 and found.stdout.strip():
                self.window = found.stdout.split()[0]
                self.wait_for_first_frame(deadline)
                return True
            time.sleep(0.2)
        raise AssertionError("the bhxh-desk window did not appear")

    def wait_for_first_frame(self, deadline):
        """The window maps before its first frame is drawn (fonts are baked first), and on a
        loaded machine that takes a while: wait until the screen is no longer one colour, then
        a little more for the layout to settle. Gives up at the deadline; the caller's blank
        check then fails."""
        probe = os.path.join(self.tmp, "probe.png")
        while time.time() < deadline:
            subprocess.run(["import", "-window", "root", probe], check=True)
            if self.std_dev(probe) > 0.05:
                break
            time.sleep(0.2)
        time.sleep(1.0)

    def geometry(self):
        """(width, height) of the window as the X server has it."""
        out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", self.window],
                             capture_output=True, text=True, check=True).stdout
        values = dict(line.split("=", 1) for line in out.split())
        return int(values["WIDTH"]), int(values["HEIGHT"])

    def query(self, sql, *params):
        """Rows of one SQL statement on the desk's database (a connection of its own)."""
        con = sqlite3.connect(os.path.join(self.tmp, "data", "desk.sqlite"))
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def logs(self):
        """Everything the desk wrote to its log folder so far."""
        text = ""
        folder = os.path.join(self.tmp, "log")
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                text += f.read()
        return text

    def output(self):
        with open(os.path.join(self.tmp, "stdout.txt"), encoding="utf-8", errors="replace") as f:
            return f.read()

    def key(self, *keys, hold=None, closes=False):
        """Presses a chord (e.g. "ctrl", "l"). ImGui 1.86 loses a press and release that land in
        the same frame, so each key is held for a few frames. With `closes` the chord ends the
        program: it may be gone before the keys are released, and Xvfb resets when its last
        client leaves, so a release that finds no server is not an error then."""
        for k in keys:
            subprocess.run(["xdotool", "keydown", k], check=True)
            time.sleep(0.03)
        time.sleep(KEY_HOLD_S if hold is None else hold)
        for k in reversed(keys):
            released = subprocess.run(["xdotool", "keyup", k], capture_output=True, text=True)
            if released.returncode != 0 and not (closes and self.exited_within(5)):
                raise AssertionError(f"xdotool keyup {k} failed: {released.stderr.strip()}")
            time.sleep(0.03)
        time.sleep(0.6)

    def exited_within(self, seconds):
        try:
            return self.proc is not None and self.proc.wait(seconds) is not None
        except subprocess.TimeoutExpired:
            return False

    def screenshot(self, name):
        path = os.path.join(self.artifacts, name + ".png")
        subprocess.run(["import", "-window", "root", path], check=True)
        return path

    def ocr(self, png, lang, crop=None, threshold=None):
        """Text read from the screenshot (optionally a WxH+X+Y crop), NFC-normalised. With
        `threshold` (a percentage) the grey image is turned black and white first: coloured
        text on a light background (orange warnings) reads better then."""
        big = os.path.join(self.tmp, "ocr.png")
        cmd = ["convert", png]
        if crop:
            cmd += ["-crop", crop, "+repage"]
        cmd += ["-resize", "300%", "-colorspace", "Gray"]
        if threshold:
            cmd += ["-threshold", f"{threshold}%"]
        cmd += [big]
        subprocess.run(cmd, check=True)
        out = subprocess.run(["tesseract", big, "-", "-l", lang], capture_output=True, text=True, check=True)
        return unicodedata.normalize("NFC", out.stdout)

    @staticmethod
    def std_dev(png):
        out = subprocess.run(["convert", png, "-format", "%[fx:standard_deviation]", "info:"],
                             capture_output=True, text=True, check=True)
        return float(out.stdout.strip())

    def stop(self, timeout=10):
        """Asks the window to close with Ctrl+Q; returns the exit code."""
        if self.proc and self.proc.poll() is None:
            self.key("ctrl", "q", closes=True)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("bhxh-desk did not quit on Ctrl+Q")
        return self.proc.returncode

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc:
            self.log_out.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def squash(text):
    """OCR drops or adds spaces between words: compare without white space."""
    return "".join(text.split())
