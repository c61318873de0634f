"""aiosmtpd handler for the notify tests: saves each message as NNNN.eml in $BHXH_SMTP_SINK_DIR.

Started by the C++ tests as
  /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Handler
with PYTHONPATH pointing here. Recipients starting with "reject" get a 550 (a final refusal);
recipients starting with "busy" get a 451 (a temporary one).
"""
import os
import pathlib


class Handler:
    def __init__(self):
        self.dir = pathlib.Path(os.environ["BHXH_SMTP_SINK_DIR"])
        self.dir.mkdir(parents=True, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        if address.startswith("busy"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = len(list(self.dir.glob("*.eml")))
        tmp = self.dir / f"{n:04d}.tmp"
        tmp.write_bytes(envelope.content)
        tmp.rename(self.dir / f"{n:04d}.eml")
        (self.dir / f"{n:04d}.env").write_text(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        return "250 Message accepted"
