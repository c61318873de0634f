#!/usr/bin/env python3
"""Builds libFuzzer targets (tests/fuzz/project) with clang++ in their own build folder and runs each
for a short time over its seed corpus (corpus/<target>). Fails on a build error, a crash, a sanitizer report or a broken
invariant (the targets abort on those). The seed corpus in the source tree is only read: new
inputs go to a working corpus in the build folder."""
import argparse
import os
import shutil
import subprocess
import sys

REPORT_MARKERS = ["ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "INVARIANT BROKEN",
                  "ERROR: libFuzzer", "==ERROR=="]


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source-dir", required=True, help="tests/fuzz in the source tree")
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--seconds", type=int, default=20, help="fuzzing time per target")
    ap.add_argument("--cxx", default=shutil.which("clang++") or "clang++")
    ap.add_argument("--targets", nargs="+", default=["cccd_fuzz", "bhyt_fuzz"], help="targets to build and run")
    ap.add_argument("--dict", default="idcard.dict", help="libFuzzer dictionary in --source-dir, or '' for none")
    ap.add_argument("--max-len", type=int, default=4096, help="longest input libFuzzer makes")
    args = ap.parse_args()

    project = os.path.join(args.source_dir, "project")
    cfg = ["cmake", "-S", project, "-B", args.build_dir, "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
           f"-DCMAKE_CXX_COMPILER={args.cxx}"]
    if shutil.which("ninja"):
        cfg += ["-G", "Ninja"]
    if run(cfg).returncode != 0:
        print("FAIL: configuring the fuzz project", file=sys.stderr)
        return 1
    if run(["nice", "cmake", "--build", args.build_dir, "-j2", "--target", *args.targets]).returncode != 0:
        print("FAIL: building the fuzz targets", file=sys.stderr)
        return 1

    failures = []
    for target in args.targets:
        seeds = os.path.join(args.source_dir, "corpus", target)
        work = os.path.join(args.build_dir, "work-corpus", target)
        artifacts = os.path.join(args.build_dir, "artifacts", target) + os.sep
        os.makedirs(work, exist_ok=True)
        os.makedirs(artifacts, exist_ok=True)
        cmd = [os.path.join(args.build_dir, target), f"-max_total_time={args.seconds}", "-timeout=10",
               "-rss_limit_mb=2048", f"-max_len={args.max_len}", "-print_final_stats=1",
               f"-artifact_prefix={artifacts}"]
        if args.dict:
            cmd.append(f"-dict={os.path.join(args.source_dir, args.dict)}")
        cmd += [work, seeds]
        p = run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
        out = p.stdout
        tail = "\n".join(out.splitlines()[-40:])
        found = [m for m in REPORT_MARKERS if m in out]
        if p.returncode != 0 or found:
            failures.append(target)
            print(f"FAIL: {target} exited {p.returncode}, reports: {found}\n{tail}", file=sys.stderr)
        else:
            stats = [l for l in out.splitlines() if l.startswith("stat::number_of_executed_units")]
            print(f"ok: {target} {stats[0] if stats else ''}")
    if failures:
        print("FAILED targets: " + ", ".join(failures), file=sys.stderr)
        return 1
    print("all fuzz targets ran clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
