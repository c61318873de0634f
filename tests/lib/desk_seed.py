"""Puts a decided declaration with one cached photo straight into a desk's database, as if the
desk had decided it `age_days` ago: for the tests of the retention purge (CLI and console)."""
import os
import sqlite3
import time

DAY_MS = 86400 * 1000


def seed_decided_photo(data_dir, dossier, age_days, officer="q6.clerk"):
    """Stores the declaration, its portrait under <data_dir>/files/<dossier>/ and an approval
    decided age_days ago in <data_dir>/desk.sqlite (which must exist). Returns the photo's path;
    the photo's bytes carry "PHOTO-OF-<dossier>" so a test can look for them on the disk."""
    folder = os.path.join(data_dir, "files", dossier)
    os.makedirs(folder)
    path = os.path.join(folder, "portrait-abc")
    with open(path, "wb") as f:
        f.write(b"\xff\xd8PHOTO-OF-" + dossier.encode() + b"\xff\xd9" * 500)
    con = sqlite3.connect(os.path.join(data_dir, "desk.sqlite"))
    try:
        con.execute("INSERT INTO declarations VALUES(?,1,'approved','individual','register','07916','t','t','web',"
                    "'Phạm Thị Dung','pham thi dung','0123456789','012345678901','0901234567',NULL,NULL,NULL,"
                    "'t','{}',0)", (dossier,))
        con.execute("INSERT INTO declaration_files VALUES(?,'portrait','abc',1000,'image/jpeg',?,NULL)", (dossier, path))
        con.execute("INSERT INTO decisions(dossier_no, declaration_version, outcome, officer_id, decided_at_ms, "
                    "idempotency_key, checks_json) VALUES(?,1,'approved',?,?,?,'{}')",
                    (dossier, officer, int(time.time() * 1000) - age_days * DAY_MS, "key-" + dossier))
        con.commit()
    finally:
        con.close()
    return path
