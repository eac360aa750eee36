"""The SQL for one travelling table, made from its description (tables.py) and its columns as
they are in this database: its identity and subject as expressions, and reading and writing a
record by identity with foreign keys as the identities of what they point at."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from desktop_app.domain.sync.changes import Value
from desktop_app.store.connection import Connection
from desktop_app.store.sync.tables import BY_NAME, TABLES, Table

# (table, identity) -> local integer key, remembered while one batch is applied
Ids = dict[tuple[str, str], int]


class MissingParent(Exception):
    """A record a change points at is not on this laptop (yet)."""


def parent_key(parent: str) -> str:
    key = BY_NAME[parent].key
    assert len(key) == 1, f"{parent} is pointed at, so its identity is one column"
    return key[0]


def _parent_value(alias: str, table: Table, column: str) -> str:
    parent = table.links[column]
    return f"(SELECT {parent_key(parent)} FROM {parent} WHERE id = {alias}.{column})"


def identity_sql(table: Table, alias: str) -> str:
    """The record's identity as an SQL expression (NULL when a record it points at is gone)."""
    parts = [
        _parent_value(alias, table, c) if c in table.links else f"{alias}.{c}" for c in table.key
    ]
    return " || '|' || ".join(parts)


def subject_sql(table: Table, alias: str) -> str:
    if table.subject is None:
        return "NULL"
    if not table.subject:
        return f"{alias}.uuid"
    first, *rest = table.subject
    expr, current = f"{alias}.{first}", table.links[first]
    for column in rest:
        expr = f"(SELECT {column} FROM {current} WHERE id = {expr})"
        current = BY_NAME[current].links[column]
    return f"(SELECT uuid FROM {current} WHERE id = {expr})"


def split_key(table: Table, key: str) -> list[str]:
    return key.rsplit("|", len(table.key) - 1) if len(table.key) > 1 else [key]


@dataclass(frozen=True)
class Shape:
    table: Table
    columns: tuple[str, ...]  # every column but the local id
    fields: tuple[str, ...]  # the columns that travel as fields (not the identity)
    has_id: bool  # has a local integer key

    @property
    def name(self) -> str:
        return self.table.name

    @cached_property
    def where(self) -> str:
        """`col = ? AND ...` finding a record by its identity's parts (`key_params`)."""
        terms = []
        for column in self.table.key:
            if column in self.table.links:
                parent = self.table.links[column]
                terms.append(f"{column} = (SELECT id FROM {parent} WHERE {parent_key(parent)} = ?)")
            else:
                terms.append(f"{column} = ?")
        return " AND ".join(terms)

    def key_params(self, key: str) -> list[str]:
        return split_key(self.table, key)

    @cached_property
    def _reading(self) -> str:
        exprs = [
            _parent_value(self.name, self.table, f) if f in self.table.links else f
            for f in self.fields
        ]
        return f"SELECT {', '.join(exprs) or '1'} FROM {self.name} WHERE {self.where}"

    def read(self, conn: Connection, key: str) -> dict[str, Value] | None:
        """The record's travelling fields, or None when it is not here."""
        row = conn.execute(self._reading, self.key_params(key)).fetchone()
        if row is None:
            return None
        return dict(zip(self.fields, row, strict=False)) if self.fields else {}

    def exists(self, conn: Connection, key: str) -> bool:
        row = conn.execute(
            f"SELECT 1 FROM {self.name} WHERE {self.where}", self.key_params(key)
        ).fetchone()
        return row is not None

    def local_values(
        self, conn: Connection, values: Mapping[str, Value], known: Ids | None = None
    ) -> dict[str, Any]:
        """Travelling values as stored here: identities of parents become integer keys (found
        in `known` when there, and kept there). MissingParent when a parent is not here."""
        out: dict[str, Any] = {}
        known = {} if known is None else known
        for name, value in values.items():
            if name in self.table.links and value is not None:
                parent = self.table.links[name]
                found = known.get((parent, str(value)))
                if found is None:
                    row = conn.execute(
                        f"SELECT id FROM {parent} WHERE {parent_key(parent)} = ?", (value,)
                    ).fetchone()
                    if row is None:
                        raise MissingParent(BY_NAME[parent].words)
                    found = known[(parent, str(value))] = int(row[0])
                out[name] = found
            else:
                out[name] = value
        return out

    def insert(
        self, conn: Connection, key: str, values: Mapping[str, Value], known: Ids | None = None
    ) -> None:
        parts = dict(zip(self.table.key, self.key_params(key), strict=True))
        row = self.local_values(conn, {**values, **parts}, known)
        names = [n for n in row if n in self.columns]
        marks = ", ".join("?" * len(names))
        conn.execute(
            f"INSERT INTO {self.name} ({', '.join(names)}) VALUES ({marks})",
            [row[n] for n in names],
        )

    def update(self, conn: Connection, key: str, values: Mapping[str, Value]) -> None:
        row = self.local_values(conn, values)
        names = [n for n in row if n in self.fields]
        if not names:
            return
        assignments = ", ".join(f"{n} = ?" for n in names)
        conn.execute(
            f"UPDATE {self.name} SET {assignments} WHERE {self.where}",
            [*(row[n] for n in names), *self.key_params(key)],
        )

    def delete(self, conn: Connection, key: str) -> None:
        conn.execute(f"DELETE FROM {self.name} WHERE {self.where}", self.key_params(key))

    def local_id(self, conn: Connection, key: str) -> int | None:
        """The record's local integer key (None when it is not here or has none)."""
        if not self.has_id:
            return None
        row = conn.execute(
            f"SELECT id FROM {self.name} WHERE {self.where}", self.key_params(key)
        ).fetchone()
        return None if row is None else int(row[0])


def columns_of(conn: Connection, name: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({name})")]


def shape(conn: Connection, table: Table) -> Shape:
    every = columns_of(conn, table.name)
    columns = tuple(c for c in every if c != "id")
    fields = tuple(c for c in columns if c not in table.key)
    return Shape(table, columns, fields, "id" in every)


def shapes(conn: Connection) -> dict[str, Shape]:
    """Every travelling table's shape, as the schema is now."""
    return {t.name: shape(conn, t) for t in TABLES}
