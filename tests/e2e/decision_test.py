"""A decision the office can stand behind, end to end and keyboard only: the real bhxh-desk window
under Xvfb, the reference portal, an HTTP SMS gateway and an SMTP server on loopback. The camera
is a video of one seeded citizen's card, drawn from that citizen's data or with fields changed.

  - four fields differ from the card (name, date of birth, gender, address): F8 is refused with
    the reasons, nothing is recorded or sent;
  - only the address differs: F8 asks for an acknowledgement; Alt+n, a reason, Enter; F8, Enter
    approves, and the acknowledgement is in the decision and the audit log;
  - a card scanned while a dossier is open and undecided does not replace it: the desk says
    "Thẻ mới", F8 does nothing, Ctrl+N opens the new card;
  - a dossier held by another desk (D02): F8 is refused, nothing is recorded, nothing is sent;
  - the portal refuses a decision taken at the desk (409, another desk took the dossier): the
    dossier is pending again, a red banner says so, no SMS or e-mail is ever planned, the audit
    has both entries;
  - Esc on the photo zoom (Z) or the key map (F1) closes that, not the dossier;
  - a handheld scanner typing 5 ms per key opens the dossier at the default key gap.

Screenshots of each step are kept in the artifacts folder."""
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from desk_e2e import DeskE2E, main, without_marks  # noqa: E402
from sinks import wait_for  # noqa: E402


def cccd_fields(line):
    return line["cccd"].split("|")


def with_fields(**changes):
    """An edit of a print_qr line: the CCCD payload with some fields replaced."""
    index = {"name": 2, "birth": 3, "gender": 4, "address": 5}

    def edit(line):
        parts = cccd_fields(line)
        for field, value in changes.items():
            parts[index[field]] = value
        line = dict(line)
        line["cccd"] = "|".join(parts)
        return line
    return edit


class DecisionTest(DeskE2E):
    def nothing_decided(self, d):
        self.assertEqual(self.local("SELECT id FROM decisions WHERE dossier_no = ?", d["dossier_no"]), [])
        self.assertEqual(self.local("SELECT id FROM outbox WHERE dossier_no = ?", d["dossier_no"]), [])
        self.assertEqual(self.sms.messages_to(d["phone"]), [])

    def wait_face_checked(self, d, seconds=8):
        """The portrait ↔ ID-card check runs as the dossier opens; give it time to answer."""
        time.sleep(seconds)

    def test_four_mismatches_refuse_the_approval_with_the_reasons(self):
        d = self.pick()
        edit = with_fields(name="TRAN VAN HUNG", birth="01011950",
                           gender="Nữ" if d["gender"] == "male" else "Nam",
                           address="So 1 Duong Khac, Phuong Khac, Ha Noi")
        self.start_desk(self.camera_video(d["dossier_no"], "cccd", edit), "50-mismatch")
        self.wait_opened(d["dossier_no"])
        self.wait_face_checked(d)
        self.desk.key("F8")
        self.desk.key("Return")  # a confirmation, had there been one, would approve now
        time.sleep(2)
        shot = self.desk.screenshot("50-mismatch-refused")
        self.nothing_decided(d)
        self.assert_screen_says(shot, "Không thể duyệt vì", "Họ và tên: KHÔNG khớp với thẻ",
                                "Ngày sinh: KHÔNG khớp với thẻ", "Giới tính: KHÔNG khớp với thẻ")
        self.assertEqual(self.portal.status(d["dossier_no"]), "claimed", "nothing reached the portal")
        # Rejecting is still possible: F9, 2 (ID mismatch), Enter.
        self.desk.key("F9")
        self.desk.key("2")
        self.desk.key("Return")
        rows = wait_for(lambda: self.local("SELECT outcome, reason_code FROM decisions WHERE dossier_no = ?",
                                           d["dossier_no"]), 30, "the rejection to be recorded")
        self.assertEqual(rows, [("rejected", "id_mismatch")])
        self.assertEqual(self.desk.stop(), 0)

    def test_an_acknowledged_address_difference_is_approved_and_audited(self):
        d = self.pick()
        self.start_desk(self.camera_video(d["dossier_no"], "cccd", with_fields(address="So 9 Duong Moi, Quan Khac")),
                        "51-address")
        self.wait_opened(d["dossier_no"])
        self.wait_face_checked(d)
        self.desk.key("F8")
        self.desk.key("Return")
        time.sleep(1.5)
        shot = self.desk.screenshot("51-address-needs-ack")
        self.nothing_decided(d)
        self.assert_screen_says(shot, "Cần xác nhận trước khi duyệt", "Địa chỉ: khác với thẻ")
        # Alt+1: the first item to acknowledge (the address); 1: "the citizen has moved"; Enter.
        self.desk.key("alt", "1")
        self.desk.screenshot("52-address-reasons")
        self.desk.key("1")
        self.desk.key("Return")
        self.desk.screenshot("53-address-acknowledged")
        self.approve(d["dossier_no"])
        rows = self.local("SELECT outcome, json_extract(checks_json, '$.acknowledgements') FROM decisions "
                          "WHERE dossier_no = ?", d["dossier_no"])
        self.assertEqual(rows[0][0], "approved")
        self.assertIn('"item":"field.address"', rows[0][1])
        self.assertIn('"reason":"moved"', rows[0][1])
        audit = self.local("SELECT detail FROM audit_log WHERE subject = ? AND kind = 'decision'", d["dossier_no"])
        self.assertEqual(len(audit), 1)
        self.assertIn("ack=field.address:moved", audit[0][0])
        acks = self.local("SELECT detail FROM audit_log WHERE subject = ? AND kind = 'acknowledge'", d["dossier_no"])
        self.assertEqual(acks, [("field.address:moved",)])
        wait_for(lambda: self.sms.messages_to(d["phone"]), 90, "the approval SMS")
        self.desk.screenshot("54-address-approved")
        self.assertEqual(self.desk.stop(), 0)

    def test_a_scan_during_an_undecided_dossier_does_not_replace_it(self):
        a = self.pick()
        b = self.pick(skip=(a["dossier_no"],))
        # This scenario is about the dossier, not the scanner's timing: a person-speed gap is allowed.
        self.start_desk(self.camera_video(a["dossier_no"], "cccd"), "55-incoming",
                        scan="wedge_max_key_gap_ms = 200\n")
        self.wait_opened(a["dossier_no"])
        # The handheld scanner reads another citizen's card (typed as a scanner types it).
        line = next(x for x in self.portal.print_qr(40) if x["dossier_no"] == b["dossier_no"])
        self.type_scan(without_marks(line["cccd"]), delay_ms=20)
        time.sleep(2)
        shot = self.desk.screenshot("55-incoming-waiting")
        self.assert_shows(shot, a)
        self.assert_screen_says(shot, "Thẻ mới", "Chưa thể quyết định")
        self.assertEqual(self.portal.status(b["dossier_no"]), "pending", "the new card was not opened")
        # Disarmed: F8 + Enter approve nothing while the new card waits.
        self.desk.key("F8")
        self.desk.key("Return")
        time.sleep(1)
        self.nothing_decided(a)
        # Ctrl+N opens the card that waits; the first dossier is released.
        self.desk.key("ctrl", "n")
        self.wait_opened(b["dossier_no"])
        wait_for(lambda: self.portal.status(a["dossier_no"]) == "pending", 30, "the first dossier to be released")
        self.desk.screenshot("56-incoming-opened")
        self.assertEqual(self.desk.stop(), 0)

    def test_a_dossier_held_by_another_desk_cannot_be_approved(self):
        d = self.pick()
        held = self.portal.post(f"/declarations/{d['dossier_no']}/claim", {"officer_id": "q6.other", "ttl_s": 3600},
                                desk="07916-D02")
        self.assertEqual(held.status, 200, held.body)
        self.start_desk(self.camera_video(d["dossier_no"], "cccd"), "57-held")
        # The desk opens it and shows who holds it.
        wait_for(lambda: self.local("SELECT 1 FROM audit_log WHERE kind = 'open_declaration' AND subject = ?",
                                    d["dossier_no"]), 90, "the dossier to open")
        self.wait_face_checked(d)
        self.desk.key("F8")
        self.desk.key("Return")
        time.sleep(2)
        shot = self.desk.screenshot("57-held-refused")
        self.nothing_decided(d)
        self.assert_screen_says(shot, "Không thể duyệt vì", "07916-D02")
        self.assertEqual(self.desk.stop(), 0)
        self.assertEqual(self.sms.messages_to(d["phone"]), [])

    def test_a_decision_the_portal_refuses_turns_the_dossier_back_to_pending(self):
        d = self.pick()
        self.start_desk(self.camera_video(d["dossier_no"], "cccd"), "58-refused")
        self.wait_opened(d["dossier_no"])
        self.wait_face_checked(d)
        # Another desk takes the dossier at the portal behind this desk's back (its lease is
        # renewed only at half its ttl): the portal will answer the decision with 409.
        con = sqlite3.connect(os.path.join(self.portal_dir, "portal.sqlite3"), timeout=30)
        with con:
            con.execute("UPDATE leases SET desk_id = '07916-D02' WHERE dossier_no = ?", (d["dossier_no"],))
        con.close()
        self.approve(d["dossier_no"])
        wait_for(lambda: self.local("SELECT 1 FROM refused_decisions WHERE dossier_no = ?", d["dossier_no"]), 60,
                 "the portal's refusal to be recorded")
        time.sleep(2)  # the desk follows its decision every second
        shot = self.desk.screenshot("58-refused-banner")
        self.assert_screen_says(shot, "Cổng KHÔNG nhận quyết định", "quầy khác")
        self.assertEqual(self.local_status(d["dossier_no"]), ("pending", "pending"))
        self.assertEqual(self.local("SELECT id FROM decisions WHERE dossier_no = ?", d["dossier_no"]), [])
        self.assertEqual(self.local("SELECT channel, state FROM outbox WHERE dossier_no = ?", d["dossier_no"]),
                         [("portal_decision", "failed")], "no SMS or e-mail was ever planned")
        kinds = [k for (k,) in self.local("SELECT kind FROM audit_log WHERE subject = ? AND kind LIKE 'decision%' "
                                          "ORDER BY seq", d["dossier_no"])]
        self.assertEqual(kinds, ["decision", "decision_refused"])
        time.sleep(3)
        self.assertEqual(self.sms.messages_to(d["phone"]), [])
        self.assertEqual(self.smtp.messages_to(d["email"]), [])
        self.assertEqual(self.desk.stop(), 0)

    def test_esc_closes_the_zoom_and_the_key_map_not_the_dossier(self):
        d = self.pick()
        self.start_desk(self.camera_video(d["dossier_no"], "cccd"), "59-esc")
        self.wait_opened(d["dossier_no"])
        for name, opener in (("zoom", "z"), ("keymap", "F1")):
            self.desk.key(opener)
            self.desk.screenshot(f"59-esc-{name}-open")
            self.desk.key("Escape")
            self.desk.key("Escape")  # a tired clerk presses it twice
            time.sleep(1)
            shot = self.desk.screenshot(f"59-esc-{name}-closed")
            self.assert_shows(shot, d)
            self.assertEqual(self.portal.status(d["dossier_no"]), "claimed", "the dossier is still open and held")
        self.assertEqual(self.desk.stop(), 0)

    def test_a_fast_scanner_burst_opens_the_dossier_at_the_default_gap(self):
        d = self.pick()
        # No camera card: an empty folder stands in for the webcam; the scanner types the card.
        empty = os.path.join(self.tmp, "no-camera")
        os.makedirs(empty, exist_ok=True)
        self.start_desk(empty, "60-scanner")
        line = next(x for x in self.portal.print_qr(40) if x["dossier_no"] == d["dossier_no"])
        self.type_scan(without_marks(line["cccd"]), delay_ms=5)
        self.wait_opened(d["dossier_no"])
        self.desk.screenshot("60-scanner-opened")
        self.assertEqual(self.desk.stop(), 0)

    def type_scan(self, payload, delay_ms=5):
        """Types the payload the way a handheld scanner does (keys `delay_ms` apart), then Enter."""
        subprocess.run(["xdotool", "type", "--delay", str(delay_ms), payload], check=True)
        subprocess.run(["xdotool", "key", "--delay", str(delay_ms), "Return"], check=True)


if __name__ == "__main__":
    main()
