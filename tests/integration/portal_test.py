"""The reference portal (bhxh-portal) against docs/portal-api.md: a real server on a
free loopback port, real SQLite, real HTTP. Every endpoint and status code of the contract."""
import argparse
import hashlib
import http.client
import os
import re
import sys
import threading
import time
import unicodedata
import unittest
import uuid
from datetime import datetime, timedelta

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from portal_harness import Portal, TOKENS  # noqa: E402

ARGS = None
QUAN6_WARDS = {"27343": "Phường 14", "27346": "Phường 13", "27349": "Phường 9", "27352": "Phường 6",
               "27355": "Phường 12", "27358": "Phường 5", "27361": "Phường 11", "27364": "Phường 2",
               "27367": "Phường 1", "27370": "Phường 4", "27373": "Phường 8", "27376": "Phường 3",
               "27379": "Phường 7", "27382": "Phường 10"}
MOBILE = re.compile(r"^0(3[2-9]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$")


def parse_time(text):
    return datetime.fromisoformat(text)


def new_key():
    return str(uuid.uuid4())


def decision(verdict="approved", lease_id=None, reason_code=None, reason_text=None):
    return {"lease_id": lease_id, "decision": verdict, "reason_code": reason_code, "reason_text": reason_text,
            "officer_id": "q6.nguyenvana", "decided_at": "2026-11-22T08:30:00+07:00",
            "checks": {"face_score": 0.71, "face_model": "sface", "fields_matched": ["full_name", "id_number"],
                       "card_scanned": "cccd", "walk_in": True}}


class PortalCase(unittest.TestCase):
    SEED = 60
    EXTRA = ()

    @classmethod
    def setUpClass(cls):
        cls.portal = Portal(ARGS.portal, *cls.EXTRA, seed=cls.SEED, seed_value=7).start()

    @classmethod
    def tearDownClass(cls):
        cls.portal.stop()

    def error_code(self, r, status):
        self.assertEqual(r.status, status, r.body)
        body = r.json()
        self.assertIsInstance(body["error"]["message"], str)
        self.assertTrue(body["error"]["message"])
        return body["error"]["code"]

    def pick(self, pred):
        for d in self.portal.all_declarations():
            if pred(d):
                return d
        self.fail("no seeded declaration matches")

    def pending(self, request="register", kind="individual", taken=set()):
        # Each test takes its own dossiers so tests stay independent within one portal.
        for d in self.portal.all_declarations():
            if (d["status"] == "pending" and d["request"] == request and d["kind"] == kind
                    and d["dossier_no"] not in taken
                    and parse_time(d["expires_at"]) > datetime.now().astimezone() + timedelta(hours=1)):
                taken.add(d["dossier_no"])
                return d
        self.fail(f"no pending {request}/{kind} declaration left")


class SeedTest(PortalCase):
    def test_seeded_declarations_are_realistic_and_consistent(self):
        items = self.portal.all_declarations()
        self.assertEqual(len(items), self.SEED)
        now = datetime.now().astimezone()
        for d in items:
            self.assertRegex(d["dossier_no"], r"^07916-\d{4}-\d{6}$")
            self.assertEqual(d["office_code"], "07916")
            self.assertEqual(unicodedata.normalize("NFC", d["full_name"]), d["full_name"])
            self.assertRegex(d["id_number"], r"^\d{12}$")
            year, _, _ = (int(x) for x in d["date_of_birth"].split("-"))
            gender_digit = int(d["id_number"][3])
            self.assertEqual(gender_digit // 2, year // 100 - 19, d["id_number"])
            self.assertEqual(gender_digit % 2, 0 if d["gender"] == "male" else 1, d["id_number"])
            self.assertEqual(d["id_number"][4:6], f"{year % 100:02d}")
            self.assertRegex(d["bhxh_code"], r"^\d{10}$")
            self.assertRegex(d["phone"], MOBILE)
            if d["email"] is not None:
                self.assertTrue(d["email"].endswith("@example.vn"))
            self.assertEqual(d["address"]["district_code"], "775")
            self.assertIn(d["address"]["ward_code"], QUAN6_WARDS)
            self.assertIn(QUAN6_WARDS[d["address"]["ward_code"]] + ", Quận 6, TP. Hồ Chí Minh", d["address"]["text"])
            self.assertIn(d["channel"], ("vssid", "web"))
            self.assertEqual(parse_time(d["expires_at"]) - parse_time(d["submitted_at"]), timedelta(days=10))
            kinds = {f["kind"] for f in d["files"]}
            self.assertTrue({"portrait", "id_front", "id_back"} <= kinds)
            if d["kind"] == "minor_via_guardian":
                self.assertIn("birth_certificate", kinds)
                self.assertRegex(d["guardian"]["id_number"], r"^\d{12}$")
                self.assertRegex(d["guardian"]["bhxh_code"], r"^\d{10}$")
                self.assertGreater(year, now.year - 15)
            else:
                self.assertIsNone(d["guardian"])
            if d["request"] == "adjust":
                self.assertTrue(d["adjust"])
            if d["request"] == "stop":
                self.assertRegex(d["stop"]["from_date"], r"^\d{4}-\d{2}-\d{2}$")
        # Diacritics everywhere, except the few names that have none ("Phan Thu Lan").
        with_marks = [d for d in items if not d["full_name"].isascii()]
        self.assertGreater(len(with_marks), len(items) * 0.7)
        statuses = {d["status"] for d in items}
        self.assertIn("expired", statuses)
        self.assertIn("pending", statuses)
        self.assertTrue(any(d["kind"] == "minor_via_guardian" for d in items))
        self.assertTrue(any(d["request"] == "adjust" for d in items))
        self.assertTrue(any(d["request"] == "stop" for d in items))
        self.assertEqual({d["channel"] for d in items}, {"vssid", "web"})
        near = [d for d in items if d["status"] == "pending" and parse_time(d["expires_at"]) < now + timedelta(days=1)]
        self.assertTrue(near, "some declarations should be near expiry")

    def test_same_seed_value_gives_the_same_people(self):
        other = Portal(ARGS.portal, seed=self.SEED, seed_value=7).start()
        try:
            strip = lambda d: {k: v for k, v in d.items() if k not in ("submitted_at", "expires_at", "updated_at")}
            mine = [strip(d) for d in self.portal.all_declarations() if d["version"] == 1]
            theirs = {d["dossier_no"]: strip(d) for d in other.all_declarations()}
            for d in mine:
                self.assertEqual(d, theirs[d["dossier_no"]])
        finally:
            other.stop()

    def test_print_qr_matches_the_seeded_citizens(self):
        lines = self.portal.print_qr(self.SEED, seed_value=7)
        self.assertEqual(len(lines), self.SEED)
        by_no = {d["dossier_no"]: d for d in self.portal.all_declarations()}
        for line in lines:
            d = by_no[line["dossier_no"]]
            cccd = line["cccd"].split("|")
            self.assertEqual(len(cccd), 7)
            self.assertEqual(cccd[0], d["id_number"])
            self.assertEqual(cccd[2], d["full_name"])
            y, m, day = d["date_of_birth"].split("-")
            self.assertEqual(cccd[3], day + m + y)
            self.assertEqual(cccd[4], "Nam" if d["gender"] == "male" else "Nữ")
            bhyt = line["bhyt"].split("|")
            self.assertEqual(len(bhyt), 17)
            self.assertEqual(bhyt[-1], "$")
            self.assertEqual(bhyt[0], d["bhxh_code"])
            self.assertEqual(bytes.fromhex(bhyt[1]).decode("utf-8"), d["full_name"])
            self.assertEqual(bhyt[2], f"{day}/{m}/{y}")
            self.assertRegex(bhyt[13], r"^[0-9a-f]{15,16}-\d{4}$")
            self.assertEqual(bytes.fromhex(bhyt[15]).decode("utf-8"), "Quận 6, TP. Hồ Chí Minh")
            if d["guardian"]:
                g = line["guardian_cccd"].split("|")
                self.assertEqual(g[0], d["guardian"]["id_number"])
                self.assertEqual(g[2], d["guardian"]["full_name"])
                self.assertEqual(bytes.fromhex(bhyt[10]).decode("utf-8"), d["guardian"]["full_name"])


class AuthTest(PortalCase):
    SEED = 10

    def test_401_without_or_with_a_wrong_token(self):
        r = self.portal.get("/offices/07916/declarations", desk=None)
        self.assertEqual(self.error_code(r, 401), "unauthorized")
        r = self.portal.get("/offices/07916/declarations", token="tok-not-a-real-token-000000")
        self.assertEqual(self.error_code(r, 401), "unauthorized")
        r = self.portal.get("/offices/07916/declarations", token="")
        self.assertEqual(r.status, 401)

    def test_403_for_another_desk_or_office(self):
        r = self.portal.get("/offices/07916/declarations", desk_header="07916-D02")
        self.assertEqual(self.error_code(r, 403), "forbidden_desk")
        r = self.portal.get("/offices/07916/declarations", desk_header="")
        self.assertEqual(r.status, 403)
        r = self.portal.get("/offices/07916/declarations", desk="07914-D01")
        self.assertEqual(self.error_code(r, 403), "forbidden_office")
        d = self.portal.all_declarations()[0]
        for path in (f"/declarations/{d['dossier_no']}", f"/declarations/{d['dossier_no']}/files/portrait"):
            self.assertEqual(self.portal.get(path, desk="07914-D01").status, 403)
        r = self.portal.post(f"/declarations/{d['dossier_no']}/claim", {"officer_id": "q4.x"}, desk="07914-D01")
        self.assertEqual(r.status, 403)
        # Office scoping also hides other offices' declarations from lookups.
        r = self.portal.get(f"/lookup?bhxh_code={d['bhxh_code']}", desk="07914-D01")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["items"], [])

    def test_404_with_an_error_body(self):
        self.assertEqual(self.error_code(self.portal.get("/declarations/07916-2026-999999"), 404), "not_found")
        self.assertEqual(self.error_code(self.portal.get("/no/such/endpoint"), 404), "not_found")


class ListingTest(PortalCase):
    SEED = 80

    def test_bad_parameters_are_422(self):
        for q in ("limit=501", "limit=0", "limit=abc", "after=garbage", "status=lost"):
            r = self.portal.get(f"/offices/07916/declarations?{q}")
            self.assertEqual(r.status, 422, q)
            self.assertIn("error", r.json())

    def test_status_filter(self):
        r = self.portal.get("/offices/07916/declarations?status=expired&limit=500")
        items = r.json()["items"]
        self.assertTrue(items)
        self.assertTrue(all(d["status"] == "expired" for d in items))
        r = self.portal.get("/offices/07916/declarations?status=pending,claimed&limit=500")
        self.assertTrue(all(d["status"] in ("pending", "claimed") for d in r.json()["items"]))

    def test_cursor_paging_misses_and_repeats_nothing_while_items_change(self):
        seen = {}
        pairs = set()
        cursor = None
        pages = 0
        order = []
        while True:
            q = "/offices/07916/declarations?limit=7" + (f"&after={cursor}" if cursor else "")
            r = self.portal.get(q)
            self.assertEqual(r.status, 200)
            page = r.json()
            items = page["items"]
            for d in items:
                key = (d["dossier_no"], d["version"])
                self.assertNotIn(key, pairs, "an item was repeated unchanged")
                pairs.add(key)
                seen[d["dossier_no"]] = max(seen.get(d["dossier_no"], 0), d["version"])
                order.append((d["updated_at"], d["dossier_no"]))
            if not items:
                self.assertIsNone(page["next_cursor"])
                break
            cursor = page["next_cursor"]
            self.assertTrue(cursor)
            pages += 1
            if pages <= 5:
                # Meanwhile another desk works on items already seen and not yet seen.
                all_items = [d for d in self.portal.all_declarations(desk="07916-D02") if d["status"] == "pending"]
                for d in (all_items[0], all_items[-1]):
                    c = self.portal.post(f"/declarations/{d['dossier_no']}/claim", {"officer_id": "q6.b"},
                                         desk="07916-D02")
                    self.assertEqual(c.status, 200, c.body)
                    rel = self.portal.request("DELETE", f"/declarations/{d['dossier_no']}/claim/{c.json()['lease_id']}",
                                              desk="07916-D02")
                    self.assertEqual(rel.status, 204)
        self.assertGreater(pages, 10)
        latest = {d["dossier_no"]: d["version"] for d in self.portal.all_declarations()}
        self.assertEqual(seen, latest, "every item must be seen in its latest version")
        # The order of one pass is (updated_at, dossier_no).
        first_pass = self.portal.all_declarations()
        keys = [(d["updated_at"], d["dossier_no"]) for d in first_pass]
        self.assertEqual(keys, sorted(keys))


class LookupAndContactTest(PortalCase):
    SEED = 60

    def test_lookup_by_bhxh_code_and_id_number(self):
        d = self.pending()
        r = self.portal.get(f"/lookup?bhxh_code={d['bhxh_code']}")
        self.assertEqual(r.status, 200)
        self.assertIn(d["dossier_no"], [x["dossier_no"] for x in r.json()["items"]])
        r = self.portal.get(f"/lookup?id_number={d['id_number']}")
        self.assertIn(d["dossier_no"], [x["dossier_no"] for x in r.json()["items"]])
        self.assertEqual(self.portal.get("/lookup?id_number=000000000000").json()["items"], [])

    def test_lookup_by_id_number_finds_a_minor_through_the_guardian(self):
        minor = self.pending(kind="minor_via_guardian")
        r = self.portal.get(f"/lookup?id_number={minor['guardian']['id_number']}")
        self.assertEqual(r.status, 200)
        found = [x for x in r.json()["items"] if x["dossier_no"] == minor["dossier_no"]]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["guardian"], minor["guardian"])

    def test_lookup_by_bhxh_code_finds_a_minor_through_the_guardian(self):
        minor = self.pick(lambda d: d["status"] == "pending" and d["kind"] == "minor_via_guardian"
                          and (d["guardian"] or {}).get("bhxh_code"))
        r = self.portal.get(f"/lookup?bhxh_code={minor['guardian']['bhxh_code']}")
        self.assertEqual(r.status, 200)
        self.assertIn(minor["dossier_no"], [x["dossier_no"] for x in r.json()["items"]])

    def test_lookup_skips_expired_and_needs_one_parameter(self):
        expired = self.pick(lambda d: d["status"] == "expired")
        self.assertEqual(self.portal.get(f"/lookup?bhxh_code={expired['bhxh_code']}").json()["items"], [])
        self.assertEqual(self.error_code(self.portal.get("/lookup"), 422), "invalid_query")
        self.assertEqual(self.portal.get("/lookup?bhxh_code=1&id_number=2").status, 422)

    def test_contact_check(self):
        # Adjust/stop requests belong to people who already have an account with that phone.
        owner = self.pick(lambda d: d["request"] in ("adjust", "stop"))
        r = self.portal.get(f"/contact-check?phone={owner['phone']}&bhxh_code=7900000000")
        self.assertEqual(r.status, 200)
        masked = r.json()["phone_in_use_by"]
        self.assertRegex(masked, r"^\d{2}\*{6}\d{2}$")
        self.assertEqual(masked[:2] + masked[-2:], owner["bhxh_code"][:2] + owner["bhxh_code"][-2:])
        self.assertIsNone(r.json()["email_in_use_by"])
        r = self.portal.get(f"/contact-check?phone={owner['phone']}&bhxh_code={owner['bhxh_code']}")
        self.assertIsNone(r.json()["phone_in_use_by"])
        if owner["email"]:
            r = self.portal.get(f"/contact-check?email={owner['email']}&bhxh_code=7900000000")
            self.assertIsNotNone(r.json()["email_in_use_by"])
        # The seed gives a few register declarations a phone that another account already has.
        conflicts = [d for d in self.portal.all_declarations() if d["request"] == "register" and
                     self.portal.get(f"/contact-check?phone={d['phone']}&bhxh_code={d['bhxh_code']}")
                     .json()["phone_in_use_by"]]
        self.assertTrue(conflicts)
        r = self.portal.get("/contact-check?phone=0900000001&email=nobody@example.vn")
        self.assertEqual(r.json(), {"phone_in_use_by": None, "email_in_use_by": None})
        self.assertEqual(self.portal.get("/contact-check").status, 422)


class FilesTest(PortalCase):
    SEED = 30

    def test_download_etag_and_304(self):
        d = self.pick(lambda d: d["kind"] == "minor_via_guardian")
        for f in d["files"]:
            r = self.portal.get(f"/declarations/{d['dossier_no']}/files/{f['kind']}")
            self.assertEqual(r.status, 200)
            self.assertEqual(r.header("Content-Type"), f["content_type"])
            self.assertEqual(hashlib.sha256(r.body).hexdigest(), f["sha256"])
            self.assertEqual(len(r.body), f["bytes"])
            self.assertEqual(r.header("ETag"), f'"{f["sha256"]}"')
            self.assertEqual(r.body[:3], b"\xff\xd8\xff")  # a JPEG
            r = self.portal.get(f"/declarations/{d['dossier_no']}/files/{f['kind']}",
                                headers={"If-None-Match": f'"{f["sha256"]}"'})
            self.assertEqual(r.status, 304)
            self.assertEqual(r.body, b"")
            r = self.portal.get(f"/declarations/{d['dossier_no']}/files/{f['kind']}",
                                headers={"If-None-Match": '"0000"'})
            self.assertEqual(r.status, 200)

    def test_missing_files_are_404(self):
        d = self.pick(lambda d: d["kind"] == "individual")
        self.assertEqual(self.portal.get(f"/declarations/{d['dossier_no']}/files/birth_certificate").status, 404)
        self.assertEqual(self.portal.get(f"/declarations/{d['dossier_no']}/files/selfie").status, 404)
        self.assertEqual(self.portal.get("/declarations/07916-2026-999999/files/portrait").status, 404)


class ClaimTest(PortalCase):
    SEED = 80

    def claim(self, d, desk, ttl=None):
        body = {"officer_id": "q6.officer"}
        if ttl is not None:
            body["ttl_s"] = ttl
        return self.portal.post(f"/declarations/{d['dossier_no']}/claim", body, desk=desk)

    def test_two_desks_racing_exactly_one_wins(self):
        for _ in range(8):
            d = self.pending()
            results = {}
            barrier = threading.Barrier(2)

            def race(desk):
                barrier.wait()
                results[desk] = self.claim(d, desk)

            threads = [threading.Thread(target=race, args=(desk,)) for desk in ("07916-D01", "07916-D02")]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            statuses = sorted(r.status for r in results.values())
            self.assertEqual(statuses, [200, 409])
            winner = next(desk for desk, r in results.items() if r.status == 200)
            loser = next(r for r in results.values() if r.status == 409).json()
            self.assertEqual(loser["held_by"], winner)
            self.assertEqual(loser["error"]["code"], "lease_conflict")
            parse_time(loser["expires_at"])
            self.assertEqual(self.portal.get(f"/declarations/{d['dossier_no']}").json()["status"], "claimed")

    def test_renew_release_and_reclaim(self):
        d = self.pending()
        first = self.claim(d, "07916-D01", ttl=120)
        self.assertEqual(first.status, 200)
        lease = first.json()["lease_id"]
        again = self.claim(d, "07916-D01", ttl=300)
        self.assertEqual(again.status, 200)
        self.assertEqual(again.json()["lease_id"], lease)
        self.assertGreaterEqual(parse_time(again.json()["expires_at"]), parse_time(first.json()["expires_at"]))
        self.assertEqual(self.claim(d, "07916-D02").status, 409)
        self.assertEqual(self.portal.request("DELETE", f"/declarations/{d['dossier_no']}/claim/{lease}",
                                             desk="07916-D02").status, 409)
        self.assertEqual(self.portal.request("DELETE", f"/declarations/{d['dossier_no']}/claim/{lease}").status, 204)
        self.assertEqual(self.portal.get(f"/declarations/{d['dossier_no']}").json()["status"], "pending")
        self.assertEqual(self.portal.request("DELETE", f"/declarations/{d['dossier_no']}/claim/{lease}").status, 204)
        self.assertEqual(self.claim(d, "07916-D02").status, 200)

    def test_lease_ends_after_its_ttl(self):
        d = self.pending()
        self.assertEqual(self.claim(d, "07916-D01", ttl=1).status, 200)
        time.sleep(1.5)
        r = self.claim(d, "07916-D02")
        self.assertEqual(r.status, 200, r.body)

    def test_claim_errors(self):
        d = self.pending()
        self.assertEqual(self.portal.post(f"/declarations/{d['dossier_no']}/claim", {"ttl_s": 60}).status, 422)
        self.assertEqual(self.claim(d, "07916-D01", ttl=0).status, 422)
        self.assertEqual(self.claim(d, "07916-D01", ttl=99999).status, 422)
        self.assertEqual(self.portal.post(f"/declarations/{d['dossier_no']}/claim", "{not json").status, 422)
        self.assertEqual(self.portal.post("/declarations/07916-2026-999999/claim", {"officer_id": "x"}).status, 404)
        expired = self.pick(lambda x: x["status"] == "expired")
        self.assertEqual(self.error_code(self.claim(expired, "07916-D01"), 410), "expired")


class DecisionTest(PortalCase):
    SEED = 80

    def claim(self, d, desk="07916-D01"):
        r = self.portal.post(f"/declarations/{d['dossier_no']}/claim", {"officer_id": "q6.a", "ttl_s": 300}, desk=desk)
        self.assertEqual(r.status, 200, r.body)
        return r.json()["lease_id"]

    def decide(self, d, body, key, desk="07916-D01"):
        headers = {"Idempotency-Key": key} if key else {}
        return self.portal.post(f"/declarations/{d['dossier_no']}/decision", body, desk=desk, headers=headers)

    def test_approval_creates_the_account_once_and_replays(self):
        d = self.pending()
        lease = self.claim(d)
        key = new_key()
        r = self.decide(d, decision("approved", lease), key)
        self.assertEqual(r.status, 200, r.body)
        body = r.json()
        self.assertEqual(body["status"], "approved")
        account = body["account"]
        self.assertEqual(account["username"], d["bhxh_code"])
        self.assertGreaterEqual(len(account["initial_password"]), 10)
        self.assertGreater(parse_time(account["must_change_by"]), datetime.now().astimezone())
        # The same key again, also from two threads at once: the same answer, no second account.
        answers = []
        threads = [threading.Thread(target=lambda: answers.append(self.decide(d, decision("approved", lease), key)))
                   for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for again in answers:
            self.assertEqual(again.status, 200)
            self.assertEqual(again.json(), body)
        r = self.decide(d, decision("approved", lease), new_key())
        self.assertEqual(self.error_code(r, 409), "already_decided")
        after = self.portal.get(f"/declarations/{d['dossier_no']}").json()
        self.assertEqual(after["status"], "approved")
        self.assertGreater(after["version"], d["version"])
        # The account now owns the phone.
        r = self.portal.get(f"/contact-check?phone={d['phone']}&bhxh_code=7900000000")
        self.assertIsNotNone(r.json()["phone_in_use_by"])

    def test_passwords_differ_between_accounts(self):
        a, b = self.pending(), self.pending()
        pa = self.decide(a, decision("approved", self.claim(a)), new_key()).json()["account"]["initial_password"]
        pb = self.decide(b, decision("approved", self.claim(b)), new_key()).json()["account"]["initial_password"]
        self.assertNotEqual(pa, pb)

    def test_rejection_needs_a_known_reason(self):
        d = self.pending()
        in_use_before = self.portal.get(f"/contact-check?phone={d['phone']}&bhxh_code={d['bhxh_code']}").json()
        lease = self.claim(d)
        r = self.decide(d, decision("rejected", lease), new_key())
        self.assertEqual(self.error_code(r, 422), "reason_required")
        r = self.decide(d, decision("rejected", lease, reason_code="looks_odd"), new_key())
        self.assertEqual(self.error_code(r, 422), "unknown_reason_code")
        r = self.decide(d, decision("rejected", lease, reason_code="other"), new_key())
        self.assertEqual(self.error_code(r, 422), "reason_required")
        r = self.decide(d, decision("maybe", lease), new_key())
        self.assertEqual(r.status, 422)
        r = self.decide(d, "{broken", new_key())
        self.assertEqual(r.status, 422)
        r = self.decide(d, decision("rejected", lease, reason_code="photo_mismatch"), None)
        self.assertEqual(self.error_code(r, 422), "idempotency_key_missing")
        self.assertEqual(self.portal.get(f"/declarations/{d['dossier_no']}").json()["status"], "claimed")
        key = new_key()
        r = self.decide(d, decision("rejected", lease, reason_code="photo_mismatch"), key)
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json(), {"status": "rejected"})
        self.assertEqual(self.decide(d, decision("rejected", lease, reason_code="photo_mismatch"), key).json(),
                         {"status": "rejected"})
        self.assertEqual(self.portal.get(f"/declarations/{d['dossier_no']}").json()["status"], "rejected")
        # No account was made for a rejected declaration.
        r = self.portal.get(f"/contact-check?phone={d['phone']}&bhxh_code={d['bhxh_code']}")
        self.assertEqual(r.json(), in_use_before)
        r = self.portal.get(f"/contact-check?phone={d['phone']}&bhxh_code=7900000000")
        self.assertEqual(r.json()["phone_in_use_by"], in_use_before["phone_in_use_by"])

    def test_key_reused_for_another_dossier_is_refused(self):
        a, b = self.pending(), self.pending()
        key = new_key()
        self.assertEqual(self.decide(a, decision("approved", self.claim(a)), key).status, 200)
        r = self.decide(b, decision("approved", self.claim(b)), key)
        self.assertEqual(self.error_code(r, 422), "idempotency_key_reused")

    def test_claimed_by_another_desk_is_409(self):
        d = self.pending()
        self.claim(d, desk="07916-D02")
        r = self.decide(d, decision("approved", "not-my-lease"), new_key())
        self.assertEqual(self.error_code(r, 409), "lease_conflict")

    def test_expired_is_410(self):
        d = self.pick(lambda x: x["status"] == "expired" and x["request"] == "register")
        r = self.decide(d, decision("approved", None), new_key())
        self.assertEqual(self.error_code(r, 410), "expired")
        self.assertEqual(self.portal.post(f"/declarations/{d['dossier_no']}/decision", decision("approved"),
                                          headers={"Idempotency-Key": new_key()}, desk="07914-D01").status, 403)
        self.assertEqual(self.decide({"dossier_no": "07916-2026-999999"}, decision(), new_key()).status, 404)

    def test_adjust_and_stop_issue_no_password(self):
        adj = self.pending(request="adjust")
        r = self.decide(adj, decision("approved", self.claim(adj)), new_key())
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json(), {"status": "approved"})
        if "phone" in adj["adjust"]:
            c = self.portal.get(f"/contact-check?phone={adj['adjust']['phone']}&bhxh_code=7900000000").json()
            self.assertIsNotNone(c["phone_in_use_by"])
            c = self.portal.get(f"/contact-check?phone={adj['phone']}&bhxh_code=7900000000").json()
            self.assertIsNone(c["phone_in_use_by"])
        stop = self.pending(request="stop")
        r = self.decide(stop, decision("approved", self.claim(stop)), new_key())
        self.assertEqual(r.json(), {"status": "approved"})
        self.assertEqual(self.portal.get(f"/declarations/{stop['dossier_no']}").json()["status"], "approved")
        # The account closes from stop.from_date (a future day in the seed): until then it keeps its phone.
        c = self.portal.get(f"/contact-check?phone={stop['phone']}&bhxh_code=7900000000").json()
        self.assertIsNotNone(c["phone_in_use_by"])


class ExpiryTest(PortalCase):
    SEED = 60
    EXTRA = ("--near-expiry-s", "8", "--no-photos")  # no photos: seeding is quick, well inside 8 s

    def test_declarations_expire_while_the_portal_runs(self):
        start = datetime.now().astimezone()
        items = self.portal.all_declarations()
        near = [d for d in items if d["status"] == "pending" and parse_time(d["expires_at"]) < start + timedelta(seconds=30)]
        self.assertGreaterEqual(len(near), 2)
        cursor = self.portal.get("/offices/07916/declarations?limit=500").json()["next_cursor"]
        first, second = near[0], near[1]
        lease = self.portal.post(f"/declarations/{first['dossier_no']}/claim", {"officer_id": "q6.a"}).json()["lease_id"]
        # Wait (not a timing assertion) until both have passed expires_at.
        deadline = max(parse_time(d["expires_at"]) for d in near) + timedelta(seconds=1.5)
        time.sleep(max(0.0, (deadline - datetime.now().astimezone()).total_seconds()))
        r = self.portal.post(f"/declarations/{first['dossier_no']}/decision", decision("approved", lease),
                             headers={"Idempotency-Key": new_key()})
        self.assertEqual(self.error_code(r, 410), "expired")
        r = self.portal.post(f"/declarations/{second['dossier_no']}/claim", {"officer_id": "q6.a"})
        self.assertEqual(self.error_code(r, 410), "expired")
        after = self.portal.get(f"/declarations/{second['dossier_no']}").json()
        self.assertEqual(after["status"], "expired")
        self.assertGreater(after["version"], second["version"])
        self.assertEqual(self.portal.get(f"/lookup?bhxh_code={second['bhxh_code']}").json()["items"], [])
        # An incremental pull from the old cursor tells the desk about every expiry.
        changed = self.portal.get(f"/offices/07916/declarations?limit=500&after={cursor}").json()["items"]
        expired_now = {d["dossier_no"] for d in changed if d["status"] == "expired"}
        self.assertTrue(expired_now >= {d["dossier_no"] for d in near}, expired_now)


class FaultTest(unittest.TestCase):
    def start(self, *extra):
        p = Portal(ARGS.portal, *extra, seed=8, seed_value=3).start()
        self.addCleanup(p.stop)
        return p

    def test_fail_rate_one_answers_503_with_an_error_body(self):
        p = self.start("--fail-rate", "1")
        for _ in range(5):
            r = p.get("/offices/07916/declarations")
            self.assertEqual(r.status, 503)
            self.assertEqual(r.json()["error"]["code"], "unavailable")

    def test_fail_rate_half_mixes_failures_and_answers(self):
        p = self.start("--fail-rate", "0.5", "--fault-seed", "11")
        statuses = [p.get("/offices/07916/declarations?limit=2").status for _ in range(40)]
        self.assertEqual(set(statuses), {200, 503})

    def test_drop_rate_cuts_bodies_mid_way(self):
        p = self.start("--drop-rate", "1")
        for path in ("/offices/07916/declarations", "/declarations/07916-{}-000001/files/portrait"):
            conn = http.client.HTTPConnection("127.0.0.1", p.port, timeout=30)
            year = datetime.now().year
            conn.request("GET", "/api/desk/v1" + path.format(year),
                         headers={"Authorization": "Bearer " + TOKENS["07916-D01"], "X-Desk-Id": "07916-D01"})
            r = conn.getresponse()
            if r.status == 404:  # the first dossier may carry last year's number
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", p.port, timeout=30)
                conn.request("GET", "/api/desk/v1" + path.format(year - 1),
                             headers={"Authorization": "Bearer " + TOKENS["07916-D01"], "X-Desk-Id": "07916-D01"})
                r = conn.getresponse()
            self.assertEqual(r.status, 200)
            length = int(r.getheader("Content-Length"))
            with self.assertRaises(http.client.IncompleteRead) as cut:
                r.read()
            self.assertLess(len(cut.exception.partial), length)
            conn.close()

    def test_latency_delays_every_answer(self):
        latency_ms = 400
        p = self.start("--latency-ms", str(latency_ms))
        # An answer, and a refusal before any route runs (401): both wait at least the latency.
        for path, kw, status in (("/offices/07916/declarations?limit=1", {}, 200),
                                 ("/offices/07916/declarations?limit=1", {"token": "not-a-desk-token-0000"}, 401)):
            started = time.monotonic()
            r = p.get(path, **kw)
            elapsed_ms = (time.monotonic() - started) * 1000
            self.assertEqual(r.status, status, r.body)
            self.assertGreaterEqual(elapsed_ms, latency_ms, f"{path} answered {status} after {elapsed_ms:.0f} ms")

    def test_tokens_never_from_the_command_line(self):
        import subprocess
        out = subprocess.run([ARGS.portal, "--port", "0", "--db", os.devnull + "x"], capture_output=True, text=True,
                             timeout=30)
        self.assertEqual(out.returncode, 2)
        self.assertIn("--tokens", out.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--portal", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
