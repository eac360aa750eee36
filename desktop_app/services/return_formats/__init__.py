"""The four formats of a return, all rendered from one `ProtectedReturn`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.protected_return import ProtectedReturn
from desktop_app.services.return_formats.csv_format import write_csv
from desktop_app.services.return_formats.json_format import write_json
from desktop_app.services.return_formats.pdf_format import write_pdf
from desktop_app.services.return_formats.xlsx_format import write_xlsx

Writer = Callable[[ProtectedReturn, Path], None]
WRITERS: dict[str, Writer] = {
    "pdf": write_pdf,
    "xlsx": write_xlsx,
    "csv": write_csv,
    "json": write_json,
}
FORMATS = tuple(WRITERS)


def write_return(protected: ProtectedReturn, fmt: str, path: Path) -> None:
    """Write `protected` as `fmt` ("pdf", "xlsx", "csv" or "json") to `path`."""
    if fmt not in WRITERS:
        raise ValueError(f"Unknown return format {fmt!r}; use one of {', '.join(FORMATS)}")
    WRITERS[fmt](protected, path)
