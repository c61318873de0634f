"""The Debian packages: `cpack -G DEB` on this build folder (already built) into a scratch folder,
then the bhxh-desk package unpacked with dpkg-deb into a scratch root: its bhxh-desk --version
runs from there, finds its installed assets (config check), the control data has Depends from
dpkg-shlibdeps (libsqlite3 and friends), /etc/bhxh-desk/config.toml is a conffile, the files an
office needs are in it, and the portal is a package of its own."""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import unittest

ARGS = None


class PackageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        out = subprocess.run(["cpack", "-G", "DEB", "--config", os.path.join(ARGS.build, "CPackConfig.cmake"),
                              "-B", cls.tmp.name], capture_output=True, text=True, timeout=800)
        if out.returncode != 0:
            raise AssertionError("cpack failed:\n" + out.stdout + out.stderr)
        debs = glob.glob(os.path.join(cls.tmp.name, "*.deb"))
        cls.desk = next((d for d in debs if os.path.basename(d).startswith("bhxh-desk_")), None)
        cls.portal = next((d for d in debs if os.path.basename(d).startswith("bhxh-portal_")), None)
        if not cls.desk:
            raise AssertionError(f"no bhxh-desk_*.deb among {debs}")
        cls.root = os.path.join(cls.tmp.name, "root")
        subprocess.run(["dpkg-deb", "-x", cls.desk, cls.root], check=True, timeout=300)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_unpacked_binary_runs_and_finds_its_assets(self):
        exe = os.path.join(self.root, "usr", "bin", "bhxh-desk")
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stdout, r"^bhxh-desk \d+\.\d+\.\d+")
        # With no configuration the binary must find assets beside itself (../share/bhxh-desk).
        with tempfile.TemporaryDirectory() as home:
            env = {k: v for k, v in os.environ.items() if not k.startswith("BHXH_")}
            env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "c"), XDG_DATA_HOME=os.path.join(home, "d"),
                       XDG_STATE_HOME=os.path.join(home, "s"))
            out = subprocess.run([exe, "config", "check"], capture_output=True, text=True, timeout=60, env=env)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            self.assertIn(os.path.join(self.root, "usr", "share", "bhxh-desk", "assets"), out.stdout)

    def test_control_data_has_library_dependencies_and_the_conffile(self):
        info = subprocess.run(["dpkg-deb", "-I", self.desk], capture_output=True, text=True, check=True).stdout
        depends = re.search(r"^ Depends: (.*)$", info, re.M)
        self.assertIsNotNone(depends, info)
        for lib in ("libsqlite3", "libcurl", "libsodium", "libzxing", "libcairo2", "libopencv", "fonts-noto-core"):
            self.assertIn(lib, depends.group(1))
        self.assertRegex(info, r"(?m)^ Package: bhxh-desk$")
        conffiles = subprocess.run(["dpkg-deb", "--ctrl-tarfile", self.desk], capture_output=True, check=True).stdout
        with tempfile.TemporaryDirectory() as ctrl:
            subprocess.run(["tar", "-x", "-C", ctrl], input=conffiles, check=True)
            with open(os.path.join(ctrl, "conffiles"), encoding="utf-8") as f:
                self.assertIn("/etc/bhxh-desk/config.toml", f.read().split())

    def test_the_package_holds_what_an_office_needs(self):
        for path in ("etc/bhxh-desk/config.toml", "usr/share/bhxh-desk/assets/lang/vi.json",
                     "usr/share/bhxh-desk/fetch-models.sh", "usr/share/bhxh-desk/models/face-models.sha256",
                     "usr/share/applications/bhxh-desk.desktop", "usr/share/icons/hicolor/scalable/apps/bhxh-desk.svg",
                     "usr/lib/systemd/user/bhxh-desk.service", "usr/share/doc/bhxh-desk/README.office",
                     "usr/share/doc/bhxh-desk/examples/bhxh-desk-kiosk.desktop"):
            self.assertTrue(os.path.exists(os.path.join(self.root, path)), path)
        self.assertTrue(os.access(os.path.join(self.root, "usr/share/bhxh-desk/fetch-models.sh"), os.X_OK))
        self.assertFalse(os.path.exists(os.path.join(self.root, "usr", "bin", "bhxh-portal")))
        self.assertEqual(glob.glob(os.path.join(self.root, "usr/share/bhxh-desk/**/*.onnx"), recursive=True), [])

    def test_the_portal_is_its_own_package(self):
        self.assertIsNotNone(self.portal)
        files = subprocess.run(["dpkg-deb", "-c", self.portal], capture_output=True, text=True, check=True).stdout
        self.assertIn("./usr/bin/bhxh-portal", files)
        self.assertNotIn("bhxh-desk/assets", files)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True, help="the build folder (CPackConfig.cmake)")
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
