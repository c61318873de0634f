#!/usr/bin/env python3
"""Start-up benchmark (not run by ctest): how long the real console takes from the process's
start to its first frame on the screen, under Xvfb, as the e2e tests run it (tests/lib/desk_harness.py:
its own config, data and log folders, one officer so that the sign-in screen opens). The console
writes the figure to $BHXH_FIRST_FRAME_FILE after its first glfwSwapBuffers (app/gui_app.cpp);
this script also times it from outside (Popen → the file appears). One start first that is not
counted (it creates the database); then --starts starts; prints each and the median.
The face models are those the console finds by default (deploy/fetch-models.sh), as at a desk.

Usage: first_frame_bench.py --app build/ci/bhxh-desk [--starts 7]
Without $DISPLAY it runs itself under xvfb-run."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from desk_harness import DeskHarness  # noqa: E402
from sinks import stop_process  # noqa: E402


def one_start(desk, marker, timeout=60):
    """(ms from Popen to the marker file, ms the console reports from its process start)."""
    if os.path.exists(marker):
        os.remove(marker)
    env = dict(os.environ, BHXH_FIRST_FRAME_FILE=marker)
    out = open(os.path.join(desk.tmp, "stdout.txt"), "w")
    t0 = time.monotonic()
    proc = subprocess.Popen([desk.app, "--config", desk.config], stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        while not os.path.exists(marker):
            if proc.poll() is not None:
                raise AssertionError(f"bhxh-desk exited with {proc.returncode}: {desk.output()[-1500:]}")
            if time.monotonic() - t0 > timeout:
                raise AssertionError("no first frame within the timeout")
            time.sleep(0.002)
        outside = (time.monotonic() - t0) * 1000
        inside = None
        for _ in range(50):  # the file is written in one go; wait until the line is complete
            with open(marker, encoding="utf-8") as f:
                text = f.read()
            if text.endswith("\n"):
                inside = int(text)
                break
            time.sleep(0.002)
        return outside, inside
    finally:
        stop_process(proc, timeout=30)
        out.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--starts", type=int, default=7)
    args = ap.parse_args()
    if not os.environ.get("DISPLAY"):
        xvfb = shutil.which("xvfb-run")
        if not xvfb:
            sys.exit("no $DISPLAY and no xvfb-run")
        os.execv(xvfb, [xvfb, "-a", "-s", "-screen 0 1600x900x24", sys.executable, *sys.argv])

    desk = DeskHarness(os.path.abspath(args.app), os.path.join(os.environ.get("TMPDIR", "/tmp"), "bhxh-first-frame"))
    try:
        desk.add_officer("bench.clerk", "Bench-pass-2026", "clerk", "Bench Clerk")
        marker = os.path.join(desk.tmp, "first-frame")
        one_start(desk, marker)  # creates the database; not counted
        outside, inside = [], []
        for i in range(args.starts):
            o, n = one_start(desk, marker)
            outside.append(o)
            inside.append(n)
            print(f"start {i + 1}: first frame {o:7.1f} ms after Popen ({n} ms after the process started, as the console says)",
                  flush=True)
        print(f"first frame, median of {args.starts} starts: {statistics.median(outside):.0f} ms "
              f"(min {min(outside):.0f}, max {max(outside):.0f}); the console's own figure: "
              f"median {statistics.median(inside):.0f} ms")
        log = os.path.join(desk.tmp, "log")
        lines = []
        for name in sorted(os.listdir(log)) if os.path.isdir(log) else []:
            with open(os.path.join(log, name), encoding="utf-8", errors="replace") as f:
                lines += [line.rstrip() for line in f if "face" in line or "first frame" in line]
        if lines:
            print("the last start's log on the face models and the first frame:")
            for line in lines[-3:]:
                print("  " + line)
    finally:
        desk.cleanup()


if __name__ == "__main__":
    main()
