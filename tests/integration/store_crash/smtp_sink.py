"""aiosmtpd handler for the crash harness: every message accepted is saved as one file in
$SMTP_SINK_DIR (written under a temporary name, then renamed, before the server answers 250)."""
import os
import uuid


class Handler:
    async def handle_DATA(self, server, session, envelope):
        folder = os.environ["SMTP_SINK_DIR"]
        name = uuid.uuid4().hex
        tmp = os.path.join(folder, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, os.path.join(folder, name + ".eml"))
        return "250 Message accepted"
