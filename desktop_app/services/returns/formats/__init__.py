"""The four formats of a return, all rendered from one `ProtectedReturn`.

Each format's module is imported when first used: reportlab and openpyxl take a third of a second
to load, which the app should not pay at start.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.store.files import written_in_place

# format -> (module in this package, its writer function)
WRITERS: dict[str, tuple[str, str]] = {
    "pdf": ("pdf_format", "write_pdf"),
    "xlsx": ("xlsx_format", "write_xlsx"),
    "csv": ("csv_format", "write_csv"),
    "json": ("json_format", "write_json"),
}
FORMATS = tuple(WRITERS)


def write_return(protected: ProtectedReturn, fmt: str, path: Path) -> None:
    """Write `protected` as `fmt` ("pdf", "xlsx", "csv" or "json") to `path`, a new file only its
    owner may read (see store/private_files.py)."""
    if fmt not in WRITERS:
        raise ValueError(f"Unknown return format {fmt!r}; use one of {', '.join(FORMATS)}")
    module_name, function = WRITERS[fmt]
    module = importlib.import_module(f"{__name__}.{module_name}")
    with written_in_place(path) as tmp:  # a full disk leaves no half file
        getattr(module, function)(protected, tmp)
