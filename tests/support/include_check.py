#!/usr/bin/env python3
"""The include fence, checked from the sources: every #include in modules/ and app/.

The build gives each module its own include root (cmake/BhxhModule.cmake), so a header of a
module that is not linked is "file not found". What the compiler cannot stop, because it sits
on its default include path (sqlite3.h, curl/, ZXing/, sodium.h, imgui.h ...), this check does.
Its rules, read from the bhxh_module() calls in modules/*/CMakeLists.txt and the
target_link_libraries() of app/CMakeLists.txt:

  1. A file includes a module header only of its own module or of a module it links
     (PUBLIC_DEPS of itself and, transitively, the PUBLIC_DEPS of those; a .cpp also its
     PRIVATE_DEPS). A header (.h) only what its module passes on (PUBLIC), since whoever includes
     it must see the same.
  2. A file includes a third-party header only of a library its module links the same way
     (the table LIBRARIES below says which header belongs to which CMake target).
  3. A domain module (DOMAIN below) links no adapter or UI module and no library outside
     DOMAIN_LIBRARIES; no module includes app/.
  4. An angle-bracket header that is neither the standard library, the C/POSIX system headers
     (SYSTEM_HEADERS) nor in LIBRARIES is an error: a new library is added to the table, with
     the rule it follows, on purpose.
  5. No SQL outside modules/store: a file elsewhere that names sqlite3_ or runs a PRAGMA fails.

  include_check.py --source-dir DIR               check the tree, exit 1 with one line a fault
  include_check.py --source-dir DIR --self-test   also plant bad includes in a temporary copy of
                                                  the tree and expect each to be caught
"""
import argparse
import pathlib
import re
import shutil
import sys
import tempfile

# The domain: std, common and each other, JSON (common's bounded reader exposes nlohmann::json),
# ICU behind common/unicode_text.cpp, libsodium (security's argon2id). Nothing that draws, reads a
# camera, talks to the network or to SQLite.
DOMAIN = {"common", "idcard", "security", "notify", "declarations", "face", "print"}
DOMAIN_LIBRARIES = {"Threads::Threads", "nlohmann_json::nlohmann_json", "PkgConfig::ICU", "PkgConfig::SODIUM"}

# Which header belongs to which CMake target (prefix match on the included name).
LIBRARIES = [
    ("nlohmann/", "nlohmann_json::nlohmann_json"),
    ("unicode/", "PkgConfig::ICU"),
    ("sodium.h", "PkgConfig::SODIUM"),
    ("sodium/", "PkgConfig::SODIUM"),
    ("sqlite3.h", "PkgConfig::SQLITE3"),
    ("curl/", "PkgConfig::CURL"),
    ("ZXing/", "ZXing::ZXing"),
    ("zbar.h", "PkgConfig::ZBAR"),
    ("zbar/", "PkgConfig::ZBAR"),
    ("opencv2/", "OpenCV"),
    ("imgui.h", "PkgConfig::IMGUI"),
    ("imgui_internal.h", "PkgConfig::IMGUI"),
    ("backends/imgui_impl_", "PkgConfig::IMGUI"),
    ("GLFW/", "PkgConfig::GLFW"),
    ("GL/", "OpenGL::GL"),
    ("cairo", "PkgConfig::CAIRO"),
    ("fontconfig/", "PkgConfig::FONTCONFIG"),
    ("spdlog/", "spdlog::spdlog"),
    ("toml++/", "tomlplusplus::tomlplusplus"),
    ("CLI/", "CLI11::CLI11"),
    ("httplib.h", "PkgConfig::HTTPLIB"),
    ("catch2/", "Catch2::Catch2WithMain"),
    ("openssl/", "OpenSSL::Crypto"),
    ("winscard.h", "PkgConfig::PCSCLITE"),
    ("wintypes.h", "PkgConfig::PCSCLITE"),
    ("PCSC/", "PkgConfig::PCSCLITE"),
    ("cups/", "Cups::Cups"),
]

# C and POSIX headers (the C++ standard headers have no extension and no folder).
SYSTEM_HEADERS = re.compile(
    r"^(assert|ctype|dirent|dlfcn|errno|fcntl|grp|limits|locale|netdb|poll|pthread|pwd|sched|"
    r"signal|spawn|stdio|stdlib|string|strings|syslog|termios|time|unistd|wchar)\.h$"
    r"|^(sys|netinet|arpa|net|linux)/[a-z_/]+\.h$")
STD_HEADER = re.compile(r"^[a-z_0-9]+$")

# Headers made by CMake at configure time: name → the target that generates them.
GENERATED = {"face/pinned_models.h": "face_cv", "app/version.h": "app"}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
MODULE_CALL = re.compile(r"bhxh_module\((.*?)\)\s*$", re.S | re.M)
KEYWORDS = {"NAME", "HEADER_DIR", "SOURCES", "PUBLIC_DEPS", "PRIVATE_DEPS"}
SQL = re.compile(r"\bsqlite3_[a-z_]+\s*\(|\bPRAGMA\s+[a-z_]+")


class Module:
    def __init__(self, name, folder, header_dir, public, private):
        self.name, self.folder, self.header_dir = name, folder, header_dir
        self.public, self.private = public, private

    @property
    def prefix(self):
        return self.folder + ("/" + self.header_dir if self.header_dir else "")


def strip_comments(text):
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def parse_modules(root):
    modules = {}
    for cmake in sorted((root / "modules").glob("*/CMakeLists.txt")):
        text = strip_comments(cmake.read_text(encoding="utf-8"))
        for call in re.finditer(r"bhxh_module\(([^()]*(?:\([^()]*\)[^()]*)*)\)", text):
            words = call.group(1).split()
            fields, key = {k: [] for k in KEYWORDS}, None
            for word in words:
                if word in KEYWORDS:
                    key = word
                elif key:
                    fields[key].append(word)
            name = fields["NAME"][0]
            header_dir = fields["HEADER_DIR"][0] if fields["HEADER_DIR"] else ""
            modules[name] = Module(name, cmake.parent.name, header_dir, fields["PUBLIC_DEPS"], fields["PRIVATE_DEPS"])
    return modules


# app/ files of the window (bhxh_app) and of the executable (bhxh-desk); every other file of
# app/ is bhxh_app_core, which links no view, ImGui, GLFW or OpenGL.
APP_WINDOW_FILES = re.compile(r"^(gui_app|console_views|main)\.(h|cpp)$|^commands/")


def parse_app(root):
    """What app/ links: (core, window). The core is bhxh_app_core (the controllers and the
    wiring); the window is bhxh_app and the bhxh-desk executable, which link the core."""
    text = strip_comments((root / "app" / "CMakeLists.txt").read_text(encoding="utf-8"))

    def deps_of(targets):
        deps = []
        for call in re.finditer(r"target_link_libraries\(\s*(" + targets + r")\s([^)]*)\)", text):
            deps += [w for w in call.group(2).split() if w not in ("PUBLIC", "PRIVATE", "INTERFACE")]
        return deps

    core_deps = deps_of("bhxh_app_core")
    window_deps = [d for d in deps_of("bhxh_app|bhxh-desk") if d not in ("bhxh_app_core", "bhxh_app")]
    return Module("app_core", "app", "", core_deps, []), Module("app", "app", "", core_deps + window_deps, [])


def library_of(token):
    if token.startswith("opencv_") or token == "${OpenCV_LIBS}":
        return "OpenCV"
    return token


def module_of(token):
    return token[len("bhxh::"):] if token.startswith("bhxh::") else None


def visible(modules, module, with_private):
    """(module names, library targets) a file of `module` may include."""
    names, libraries = {module.name}, set()
    todo = list(module.public) + (list(module.private) if with_private else [])
    seen = set()
    while todo:
        token = todo.pop()
        if token in seen:
            continue
        seen.add(token)
        dep = module_of(token)
        if dep is None:
            libraries.add(library_of(token))
        elif dep in modules:
            names.add(dep)
            todo += modules[dep].public
    return names, libraries


def owner_of_header(modules, included):
    """The module whose header `included` ("declarations/adapters/x.h") is, or None."""
    folder, _, rest = included.partition("/")
    sub = rest.rpartition("/")[0]
    for module in modules.values():
        if module.folder == folder and module.header_dir == sub:
            return module
    return None


def files_of(root, module):
    base = root / "modules" / module.folder / module.header_dir
    return sorted(p for p in base.iterdir() if p.suffix in (".h", ".cpp") and p.is_file())


def check_file(root, modules, module, path, faults):
    text = path.read_text(encoding="utf-8", errors="replace")
    where = path.relative_to(root)
    is_header = path.suffix == ".h"
    names, libraries = visible(modules, module, with_private=not is_header)
    if module.name != "store" and SQL.search(text):
        faults.append(f"{where}: SQL outside modules/store ({SQL.search(text).group(0).strip()}); "
                      "go through a store API")
    for match in INCLUDE.finditer(text):
        kind, included = match.group(1), match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        at = f"{where}:{line}: #include {kind}{included}{'>' if kind == '<' else chr(34)}"
        if included in GENERATED:
            if GENERATED[included] not in names:
                faults.append(f"{at}: generated for {GENERATED[included]}, which {module.name} does not link")
            continue
        if kind == '"':
            folder = included.partition("/")[0]
            if folder == "app":
                if module.name not in ("app", "app_core"):
                    faults.append(f"{at}: a module never includes app/ (dependencies point inward)")
                elif not (root / included).is_file():
                    faults.append(f"{at}: no such file")
                continue
            owner = owner_of_header(modules, included)
            if owner is None or not (root / "modules" / included).is_file():
                if "/" in included:
                    faults.append(f"{at}: not a header of any module")
                continue  # a file next to it ("x.h"), e.g. in tests; the compiler resolves it
            if owner.name not in names:
                how = "passes on (PUBLIC_DEPS)" if is_header else "links"
                faults.append(f"{at}: {owner.name} is not a module {module.name} {how}")
            continue
        library = next((lib for prefix, lib in LIBRARIES if included.startswith(prefix)), None)
        if library is None:
            if not (STD_HEADER.match(included) or SYSTEM_HEADERS.match(included)):
                faults.append(f"{at}: unknown header; add its library to LIBRARIES in {pathlib.Path(__file__).name}")
            continue
        if library not in libraries:
            what = "a domain module" if module.name in DOMAIN else module.name
            how = "passes on (PUBLIC)" if is_header else "links"
            faults.append(f"{at}: {library} is not a library {what} {how}")


def check(root):
    root = pathlib.Path(root)
    faults = []
    modules = parse_modules(root)
    if not modules:
        return [f"{root}/modules: no bhxh_module() found"]
    for module in modules.values():
        if module.name in DOMAIN:
            for token in module.public + module.private:
                dep = module_of(token)
                if dep is not None and dep not in DOMAIN:
                    faults.append(f"modules/{module.folder}/CMakeLists.txt: domain module {module.name} links {token}")
                elif dep is None and library_of(token) not in DOMAIN_LIBRARIES:
                    faults.append(f"modules/{module.folder}/CMakeLists.txt: domain module {module.name} links {token}")
        for path in files_of(root, module):
            check_file(root, modules, module, path, faults)
    core, window = parse_app(root)
    for path in sorted((root / "app").rglob("*")):
        if path.suffix in (".h", ".cpp"):
            relative = path.relative_to(root / "app").as_posix()
            check_file(root, modules, window if APP_WINDOW_FILES.match(relative) else core, path, faults)
    return faults


# The self-test: each planted line must be caught, with the words expected in its fault.
PLANTS = [
    ("modules/idcard/cccd_parser.cpp", '#include <sqlite3.h>', "PkgConfig::SQLITE3 is not a library a domain module"),
    ("modules/declarations/declaration_rules.cpp", '#include <curl/curl.h>', "PkgConfig::CURL is not a library a domain module"),
    ("modules/face/score_band.cpp", '#include <opencv2/core.hpp>', "OpenCV is not a library a domain module"),
    ("modules/notify/sms_text.cpp", '#include <imgui.h>', "PkgConfig::IMGUI is not a library a domain module"),
    ("modules/security/role.cpp", '#include <ZXing/ReadBarcode.h>', "ZXing::ZXing is not a library a domain module"),
    ("modules/idcard/cccd_parser.cpp", '#include "store/database.h"', "store is not a module idcard links"),
    ("modules/declarations/sync_engine.cpp", '#include "declarations/adapters/desk_token.h"',
     "declarations_http is not a module declarations links"),
    ("modules/ui/view.h", '#include <fontconfig/fontconfig.h>', "PkgConfig::FONTCONFIG is not a library ui passes on"),
    ("modules/common/log.cpp", '#include "app/app_config.h"', "a module never includes app/"),
    ("modules/common/log.cpp", '#include <some_new_library.h>', "unknown header"),
    ("app/queue_controller.cpp", 'static const char* q = "PRAGMA wal_checkpoint(TRUNCATE)";', "SQL outside modules/store"),
    ("app/desk_controller.cpp", '#include <imgui.h>', "PkgConfig::IMGUI is not a library app_core links"),
    ("app/queue_controller.h", '#include "ui/queue_view.h"', "ui is not a module app_core passes on"),
]


def self_test(root):
    failures = []
    with tempfile.TemporaryDirectory(prefix="include-check-") as temp:
        copy = pathlib.Path(temp) / "tree"
        for part in ("modules", "app"):
            shutil.copytree(pathlib.Path(root) / part, copy / part)
        for file, line, expected in PLANTS:
            target = copy / file
            original = target.read_text(encoding="utf-8")
            target.write_text(line + "\n" + original, encoding="utf-8")
            faults = check(copy)
            target.write_text(original, encoding="utf-8")
            if not any(expected in fault and file in fault for fault in faults):
                failures.append(f"planted `{line}` in {file}: not caught (expected '{expected}'); got {faults}")
            else:
                print(f"caught: {file}: {line}")
        # A domain module that declares a library it must not have.
        cmake = copy / "modules/idcard/CMakeLists.txt"
        original = cmake.read_text(encoding="utf-8")
        cmake.write_text(original.replace("PUBLIC_DEPS bhxh::common", "PUBLIC_DEPS bhxh::common PkgConfig::SQLITE3"),
                         encoding="utf-8")
        faults = check(copy)
        if not any("domain module idcard links PkgConfig::SQLITE3" in f for f in faults):
            failures.append(f"idcard linking SQLite: not caught; got {faults}")
        else:
            print("caught: modules/idcard/CMakeLists.txt links PkgConfig::SQLITE3")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    faults = check(args.source_dir)
    for fault in faults:
        print(fault)
    failures = self_test(args.source_dir) if args.self_test else []
    for failure in failures:
        print("self-test:", failure)
    if faults or failures:
        print(f"include check: {len(faults)} fault(s), {len(failures)} self-test failure(s)")
        return 1
    print("include check: every #include in modules/ and app/ keeps to the fence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
