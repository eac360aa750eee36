"""Finding and reading return templates: the ones PeerLog ships, or a file an organisation made."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.returns.templates import ReturnTemplate, TemplateError, parse_template
from desktop_app.resources import resource_path
from desktop_app.services.access import change
from desktop_app.store import settings_repo
from desktop_app.store.database import Database

DEFAULT_TEMPLATE = "Alliance return"
ALLIANCE_TEMPLATE_SETTING = "alliance_template"  # the template file's text, kept whole


def load_template(path: Path) -> ReturnTemplate:
    return parse_template_text(_template_text(path), path.name)


def _template_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError(f"There is no return template at {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"The return template {path.name} cannot be read: {exc}") from None


def parse_template_text(text: str, source: str) -> ReturnTemplate:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(
            f"The return template {source} is not valid JSON: {exc.msg} on line {exc.lineno}, "
            f"column {exc.colno}. Check for a missing comma or quote near there."
        ) from None
    return parse_template(data, source)


def alliance_template(db: Database) -> ReturnTemplate | None:
    """The template the organisation's alliance published, once loaded with
    `use_alliance_template`; None when there is none."""
    text = db.setting(ALLIANCE_TEMPLATE_SETTING, "") or ""
    if not text:
        return None
    try:
        return parse_template_text(text, "of your alliance")
    except TemplateError:
        return None


def use_alliance_template(db: Database, path: Path) -> ReturnTemplate:
    """Keep the alliance's template (from the file it sent) in the database, so every return is
    offered in its shape. A template that cannot be used is refused with its problem."""
    text = _template_text(path)
    template = parse_template_text(text, path.name)
    with change(db, Permission.EXPORT_RETURNS) as work:
        settings_repo.put(work.conn, ALLIANCE_TEMPLATE_SETTING, text)
        work.record(Action.SETTING_CHANGE, "setting", ALLIANCE_TEMPLATE_SETTING)
    return template


def builtin_templates() -> list[ReturnTemplate]:
    folder = resource_path("templates", "returns")
    return [load_template(path) for path in sorted(folder.glob("*.json"))]


def find_template(name_or_path: str) -> ReturnTemplate:
    """A shipped template by name (any case), or the template in a .json file."""
    for template in builtin_templates():
        if template.name.casefold() == name_or_path.strip().casefold():
            return template
    if name_or_path.endswith(".json"):
        return load_template(Path(name_or_path))
    names = ", ".join(f'"{t.name}"' for t in builtin_templates())
    raise TemplateError(
        f'There is no return template called "{name_or_path}". Use {names}, or the path of a '
        "template file ending in .json."
    )
