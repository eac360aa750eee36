"""Record identity: every record carries a UUID, so records made on different laptops can later be
merged without clashes, and UTC created/updated times (set by the store when saved)."""

import uuid


def new_id() -> str:
    return str(uuid.uuid4())
