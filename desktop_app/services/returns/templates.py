"""Finding and reading return templates: the ones PeerLog ships, or a file an organisation made."""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.domain.returns.templates import ReturnTemplate, TemplateError, parse_template
from desktop_app.resources import resource_path

DEFAULT_TEMPLATE = "Alliance return"


def load_template(path: Path) -> ReturnTemplate:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateError(f"There is no return template at {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"The return template {path.name} cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(
            f"The return template {path.name} is not valid JSON: {exc.msg} on line {exc.lineno}, "
            f"column {exc.colno}. Check for a missing comma or quote near there."
        ) from None
    return parse_template(data, path.name)


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
