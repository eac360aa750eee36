"""Checking a document against PeerLog's own JSON schemas (resources/schemas), without the
jsonschema package: that is a development tool and is not in the packaged app.

Only the keywords PeerLog's schemas use are understood (type, const, enum, required, properties,
additionalProperties, propertyNames, minProperties, minimum, maximum, minLength, pattern, items,
uniqueItems and local "$ref"); the test suite checks these schemas use nothing else, and checks
that this reader and jsonschema agree on the documents in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

KNOWN_KEYWORDS = frozenset(
    {
        "$schema", "$id", "$defs", "$ref", "title", "description", "format",
        "type", "const", "enum", "required", "properties", "additionalProperties",
        "propertyNames", "minProperties", "minimum", "maximum", "minLength", "pattern",
        "items", "uniqueItems",
    }
)  # fmt: skip
_TYPES: Mapping[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def schema_errors(document: object, schema: Mapping[str, Any]) -> list[str]:
    """Every way `document` differs from `schema`, each as "where: what" (empty when it fits)."""
    return list(_check(document, schema, schema, ""))


def _check(
    value: object, rule: Mapping[str, Any], root: Mapping[str, Any], at: str
) -> Iterator[str]:
    if "$ref" in rule:
        rule = _resolve(rule["$ref"], root)
    where = at or "the file"
    if "type" in rule:
        allowed = [rule["type"]] if isinstance(rule["type"], str) else rule["type"]
        for name in allowed:
            if _is(value, name):
                break
        else:
            yield f"{where}: {_show(value)} should be {' or '.join(allowed)}"
            return
    if "const" in rule and value != rule["const"]:
        yield f"{where}: {_show(value)} should be {_show(rule['const'])}"
    if "enum" in rule and value not in rule["enum"]:
        yield f"{where}: {_show(value)} is not one of {', '.join(map(_show, rule['enum']))}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in rule and value < rule["minimum"]:
            yield f"{where}: {value} is below {rule['minimum']}"
        if "maximum" in rule and value > rule["maximum"]:
            yield f"{where}: {value} is above {rule['maximum']}"
    if isinstance(value, str):
        if len(value) < rule.get("minLength", 0):
            yield f"{where}: should not be empty"
        if "pattern" in rule and not re.search(rule["pattern"], value):
            yield f"{where}: {_show(value)} is not in the expected form"
    if isinstance(value, dict):
        yield from _check_object(value, rule, root, at)
    if isinstance(value, list):
        if rule.get("uniqueItems") and len({repr(v) for v in value}) < len(value):
            yield f"{where}: lists something twice"
        if "items" in rule:
            for index, item in enumerate(value):
                yield from _check(item, rule["items"], root, f"{at}/{index}")


def _check_object(
    value: dict[Any, Any], rule: Mapping[str, Any], root: Mapping[str, Any], at: str
) -> Iterator[str]:
    where = at or "the file"
    for name in rule.get("required", ()):
        if name not in value:
            yield f"{where}: {_show(name)} is missing"
    if len(value) < rule.get("minProperties", 0):
        yield f"{where}: should not be empty"
    properties = rule.get("properties", {})
    extra = rule.get("additionalProperties", True)
    names = rule.get("propertyNames")
    for name, item in value.items():
        if names is not None and not ("enum" in names and name in names["enum"]):
            for problem in _check(name, names, root, ""):
                yield f"{where}: the name {problem.removeprefix('the file: ')}"
        if name in properties:
            yield from _check(item, properties[name], root, f"{at}/{name}")
        elif extra is False:
            yield f"{where}: {_show(name)} is not expected here"
        elif isinstance(extra, dict):
            yield from _check(item, extra, root, f"{at}/{name}")


def _resolve(reference: str, root: Mapping[str, Any]) -> Mapping[str, Any]:
    if reference.startswith("#/$defs/") and "/" not in reference[8:]:
        found: Mapping[str, Any] = root["$defs"][reference[8:]]
        return found
    if not reference.startswith("#/"):
        raise ValueError(f"Only references inside the schema are understood, not {reference}")
    rule: Any = root
    for part in reference[2:].split("/"):
        rule = rule[part]
    return dict(rule)


def _is(value: object, type_name: str) -> bool:
    if isinstance(value, bool):
        return type_name == "boolean"
    if type_name == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _TYPES[type_name])


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."


def keywords_used(schema: object) -> set[str]:
    """Every keyword a schema uses (for the test that this reader understands them all)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for inner in value.values():
                    found |= keywords_used(inner)
            elif key not in ("enum", "const", "required"):
                found |= keywords_used(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= keywords_used(item)
    return found
