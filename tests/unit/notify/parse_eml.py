"""Parses one .eml with Python's email package and prints what the C++ test checks, as JSON."""
import email
import email.policy
import email.utils
import json
import sys

with open(sys.argv[1], "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)

parts = []
for part in msg.walk():
    if part.is_multipart():
        continue
    parts.append({
        "type": part.get_content_type(),
        "charset": part.get_content_charset(),
        "cte": part.get("Content-Transfer-Encoding"),
        "content": part.get_content(),
    })
date = email.utils.parsedate_to_datetime(msg["Date"]) if msg["Date"] else None
print(json.dumps({
    "subject": str(msg["Subject"]),
    "from_name": msg["From"].addresses[0].display_name,
    "from_addr": msg["From"].addresses[0].addr_spec,
    "to_name": msg["To"].addresses[0].display_name,
    "to_addr": msg["To"].addresses[0].addr_spec,
    "message_id": msg["Message-ID"],
    "date_ok": date is not None and date.tzinfo is not None,
    "content_type": msg.get_content_type(),
    "defects": len(msg.defects) + sum(len(p.defects) for p in msg.walk()),
    "parts": parts,
}, ensure_ascii=False))
