"""The template an alliance publishes for its members: PeerLog's "Alliance return" (every
section, in fixed codes) under the alliance's name and version, so every member's return has the
same shape and says which edition it was made with."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.domain.returns.templates import ReturnTemplate, parse_template
from desktop_app.resources import resource_path
from desktop_app.store.private_files import open_private

BASE = ("templates", "returns", "alliance-return.json")


def member_template_document(name: str, version: str) -> dict[str, object]:
    """The template file's content; checked as members' PeerLog will check it."""
    data = json.loads(resource_path(*BASE).read_text(encoding="utf-8"))
    data["name"] = name.strip()
    data["version"] = version.strip()
    data["description"] = (
        f"The return template of {name.strip()}: every section, in fixed codes, so that "
        "members' returns can be added up. Send the alliance the JSON return."
    )
    parse_template(data, "the alliance's template")  # refuses a name or version it cannot use
    return dict(data)


def write_member_template(path: Path, name: str, version: str) -> ReturnTemplate:
    document = member_template_document(name, version)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open_private(partial, "w", encoding="utf-8") as f:
            f.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return parse_template(document, path.name)
