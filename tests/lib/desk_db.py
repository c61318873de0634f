"""What the command-line tests (receipt, report, outbox, doctor) set up alike: a desk database
file made from db/migrations as the desk would leave it (WAL, every migration, user_version),
declarations and decisions written straight into it, the desk's configuration file, the app run
with arguments, and the poppler tools that read its PDFs."""
import glob
import os
import shutil
import sqlite3
import subprocess


def migrated_database(path, migrations):
    """Creates the database at `path` from the migrations folder and returns the open connection
    (the caller adds its rows, then commits and closes)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    for sql in sorted(glob.glob(os.path.join(migrations, "*.sql"))):
        with open(sql, encoding="utf-8") as f:
            con.executescript(f.read())
        con.execute(f"PRAGMA user_version = {int(os.path.basename(sql)[:4])}")
    return con


def insert_declaration(con, dossier, *, version, status, full_name, name_folded, submitted_at, expires_at,
                       updated_at, document="{}", bhxh_code="0113098765", id_number="001099012345",
                       phone="0983847986", cached_at_ms=0):
    """One cached declaration of office 07916 (an individual's registration through VssID), as
    the store's columns hold it; `document` is the portal's JSON text."""
    con.execute("INSERT INTO declarations(dossier_no, version, status, kind, request, office_code, "
                "submitted_at, expires_at, channel, full_name, name_folded, bhxh_code, id_number, phone, "
                "email, updated_at, json, cached_at_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (dossier, version, status, "individual", "register", "07916", submitted_at, expires_at, "vssid",
                 full_name, name_folded, bhxh_code, id_number, phone, None, updated_at, document, cached_at_ms))


def insert_decision(con, dossier, *, version, outcome, officer, decided_at_ms, reason_code="", reason_text=""):
    """A decision on `dossier` under the idempotency key "key-<dossier>"."""
    con.execute("INSERT INTO decisions(dossier_no, declaration_version, outcome, reason_code, reason_text, "
                "officer_id, decided_at_ms, idempotency_key, checks_json) VALUES (?,?,?,?,?,?,?,?,?)",
                (dossier, version, outcome, reason_code, reason_text, officer, decided_at_ms, "key-" + dossier, "{}"))


def write_office_config(path, data_dir, assets):
    """A configuration with the data and assets folders and the office's name (BHXH Quận 6)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(f'[paths]\ndata_dir = "{data_dir}"\nassets_dir = "{assets}"\n'
                '[desk]\noffice_name = "BHXH Quận 6"\n')
    return path


def run_app(app, *args, timeout=120):
    return subprocess.run([app, *args], capture_output=True, text=True, timeout=timeout)


def poppler(name):
    """The path of a poppler-utils tool (pdftotext, pdfinfo, pdftoppm); a missing one fails the test."""
    path = shutil.which(name)
    if not path:
        raise AssertionError(f"{name} not found: install poppler-utils (deploy/setup.sh)")
    return path
