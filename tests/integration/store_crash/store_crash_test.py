"""Crash safety of the local store, proved: a child process runs decide → outbox → deliver cycles
against loopback sinks (HTTP for the portal and SMS, honouring Idempotency-Key; a real SMTP server)
and is killed with SIGKILL at random moments, then restarted, again and again. At the end:

  kills=N decisions_lost=0 sms_duplicates=0 email_duplicates=K window_hits=W

decisions_lost: decisions the child reported saved that are not in the database (or lack their
outbox rows); sms_duplicates: visible SMS beyond one per dossier; email_duplicates: extra messages
per Message-ID; window_hits: kills that landed after the SMTP server accepted a message and before
its outbox row was marked sent (the only moment a duplicate e-mail is possible)."""
import argparse
import email
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

PYTHON = "/usr/bin/python3"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing answers on port {port}")


def message_ids(folder):
    ids = {}
    for name in os.listdir(folder):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(folder, name), "rb") as f:
            msg = email.message_from_binary_file(f)
        mid = (msg.get("Message-ID") or "").strip()
        ids[mid] = ids.get(mid, 0) + 1
    return ids


def settle_smtp(mail_dir, quiet=0.05, limit=2.0):
    """Waits until the SMTP server has finished what the killed child had already sent: the
    child can die after the last byte of DATA left its socket and before the server saved the
    message. Counting before that would miss a window hit whose duplicate shows up later."""
    deadline = time.time() + limit
    time.sleep(quiet)
    while time.time() < deadline and any(n.endswith(".tmp") for n in os.listdir(mail_dir)):
        time.sleep(0.01)


def email_rows_in_window(db_path, mail_dir):
    """Email rows left 'sending' by the killed child whose message the SMTP server already holds."""
    settle_smtp(mail_dir)
    if not os.path.exists(db_path):
        return 0
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        keys = [r[0] for r in con.execute("SELECT key FROM outbox WHERE channel = 'email' AND state = 'sending'")]
    except sqlite3.OperationalError:  # killed before the schema existed
        keys = []
    finally:
        con.close()
    if not keys:
        return 0
    held = message_ids(mail_dir)
    return sum(1 for k in keys if f"<{k}@bhxh-desk.test>" in held)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", required=True)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--max-delay", type=float, default=0.25, help="longest run before a kill, seconds")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"seed={seed}", flush=True)

    tmp = tempfile.TemporaryDirectory(prefix="bhxh-crash-")
    root = tmp.name
    db_path = os.path.join(root, "data", "desk.sqlite")
    acks_path = os.path.join(root, "acks.txt")
    mail_dir = os.path.join(root, "mail")
    os.makedirs(mail_dir)
    logs = open(os.path.join(root, "peers.log"), "w")

    port_file = os.path.join(root, "sink.port")
    sink = subprocess.Popen([args.child, "sink", "--port-file", port_file], stdout=logs, stderr=logs)
    smtp_port = free_port()
    env = dict(os.environ, SMTP_SINK_DIR=mail_dir,
               PYTHONPATH=os.path.dirname(os.path.abspath(__file__)))
    smtp = subprocess.Popen([PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}", "-c", "smtp_sink.Handler"],
                            env=env, stdout=logs, stderr=logs)
    try:
        deadline = time.time() + 15
        while not os.path.exists(port_file) and time.time() < deadline:
            time.sleep(0.05)
        http_port = int(open(port_file).read())
        wait_port(http_port)
        wait_port(smtp_port)

        work = [args.child, "work", "--db", db_path, "--http-port", str(http_port), "--smtp-port", str(smtp_port),
                "--acks", acks_path]
        kills = 0
        window_hits = 0
        child_errors = []
        started = time.time()
        while kills < args.kills:
            child = subprocess.Popen(work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(rng.uniform(0.0, args.max_delay))
            if child.poll() is not None:
                child_errors.append(child.stderr.read().decode(errors="replace"))
                break
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stderr.close()
            kills += 1
            window_hits += email_rows_in_window(db_path, mail_dir)
        run_s = time.time() - started

        # Nobody kills the last run: it delivers what is left and checks the audit chain.
        drain = subprocess.run(work + ["--drain"], capture_output=True, text=True, timeout=120)
        if drain.returncode != 0:
            child_errors.append(f"drain exit {drain.returncode}: {drain.stderr}")

        with open(acks_path) as f:
            acked = [line.strip() for line in f if line.strip()]
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        stored = {r[0] for r in con.execute("SELECT dossier_no FROM decisions")}
        with_portal_row = {r[0] for r in con.execute(
            "SELECT d.dossier_no FROM decisions d JOIN outbox o ON o.key = d.idempotency_key "
            "AND o.channel = 'portal_decision'")}
        states = dict(con.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        email_keys = [r[0] for r in con.execute("SELECT key FROM outbox WHERE channel = 'email'")]
        secrets_left = con.execute("SELECT count(*) FROM outbox WHERE secret IS NOT NULL").fetchone()[0]
        con.close()

        decisions_lost = sum(1 for d in set(acked) if d not in stored or d not in with_portal_row)
        stats = json.load(urllib.request.urlopen(f"http://127.0.0.1:{http_port}/stats", timeout=10))
        held = message_ids(mail_dir)
        email_duplicates = sum(n - 1 for n in held.values() if n > 1)
        emails_missing = sum(1 for k in email_keys if f"<{k}@bhxh-desk.test>" not in held)

        print(f"decisions acked={len(set(acked))} stored={len(stored)} run={run_s:.1f}s", flush=True)
        print(f"outbox states={states} secrets_left={secrets_left}", flush=True)
        print(f"sink {json.dumps(stats)}", flush=True)
        print(f"emails messages={sum(held.values())} ids={len(held)} missing={emails_missing}", flush=True)
        print(f"drain: {drain.stdout.strip()}", flush=True)
        for e in child_errors:
            print(f"child error: {e.strip()}", flush=True)
        print(f"kills={kills} decisions_lost={decisions_lost} sms_duplicates={stats['sms_duplicates']} "
              f"email_duplicates={email_duplicates} window_hits={window_hits}", flush=True)

        failures = []
        if kills < args.kills:
            failures.append(f"only {kills} kills")
        if decisions_lost:
            failures.append("decisions were lost")
        if stats["sms_duplicates"]:
            failures.append("an SMS became visible twice")
        if email_duplicates > window_hits:
            failures.append("more duplicate e-mails than kills in the SMTP window")
        if child_errors:
            failures.append("the child failed")
        if set(states) - {"sent"}:
            failures.append("outbox rows left undelivered")
        if stats["portal_dossiers_with_two_keys"]:
            failures.append("a dossier reached the portal under two keys")
        if stats["sms_dossiers"] != len(stored) or stats["portal_dossiers"] != len(stored):
            failures.append("a decision's portal call or SMS is missing")
        if emails_missing:
            failures.append("e-mails missing")
        if secrets_left:
            failures.append("passwords left in the outbox after delivery")
        if len(stored) < 20:
            failures.append("too few decisions made to mean anything")
        if failures:
            print("FAILED: " + "; ".join(failures), flush=True)
            return 1
        return 0
    finally:
        try:
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{http_port}/stop", method="POST"), timeout=2)
        except Exception:
            pass
        for p in (sink, smtp):
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        logs.close()
        tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
