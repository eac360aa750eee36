"""What PeerLog ships with and under which licences: the About box lists them, and their licence
texts ship in resources/licences/ (the README's Packaging section says how to add one).

A component is listed only when it is really there (its Python module can be imported, or its
font file is in resources/), so the list stays true as libraries come and go.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from desktop_app.resources import resource_path, resources_dir

LICENCE_FOLDER = "licences"


@dataclass(frozen=True)
class Component:
    name: str
    used_for: str
    licence: str
    licence_files: tuple[str, ...]
    module: str | None = None  # listed only when this module can be imported
    font_pattern: str | None = None  # listed only when resources/fonts/ has a matching file

    def is_present(self) -> bool:
        if self.module is not None and importlib.util.find_spec(self.module) is None:
            return False
        if self.font_pattern is not None:
            fonts = resources_dir() / "fonts"
            return fonts.is_dir() and any(fonts.rglob(self.font_pattern))
        return True

    def licence_paths(self) -> list[Path]:
        return [resource_path(LICENCE_FOLDER, name) for name in self.licence_files]

    def licence_text(self) -> str:
        return "\n\n".join(
            path.read_text(encoding="utf-8", errors="replace") for path in self.licence_paths()
        )


COMPONENTS: tuple[Component, ...] = (
    Component(
        "PeerLog",
        "this app",
        "GNU General Public License, version 3 or later",
        ("GPL-3.0.txt",),
    ),
    Component(
        "Qt and PySide6",
        "windows, buttons and drawing",
        "GNU Lesser General Public License, version 3",
        ("LGPL-3.0.txt", "GPL-3.0.txt"),
        module="PySide6",
    ),
    Component(
        "ICU",
        "handling text in every language (part of Qt)",
        "Unicode licence (MIT-style)",
        ("ICU.txt",),
        module="PySide6",
    ),
    Component(
        "SQLCipher and SQLite",
        "the encrypted database",
        "BSD-style licence; SQLite is in the public domain",
        ("SQLCipher.txt",),
        module="sqlcipher3",
    ),
    Component(
        "sqlcipher3",
        "connecting PeerLog to SQLCipher",
        "zlib-style licence",
        ("sqlcipher3.txt",),
        module="sqlcipher3",
    ),
    Component(
        "cryptography",
        "protecting the database key with your passphrase",
        "Apache License 2.0 or BSD licence",
        ("cryptography.txt", "Apache-2.0.txt"),
        module="cryptography",
    ),
    Component(
        "OpenSSL",
        "encryption routines inside SQLCipher and cryptography",
        "Apache License 2.0",
        ("Apache-2.0.txt",),
    ),
    Component(
        "cffi",
        "connecting cryptography to its compiled parts",
        "MIT licence",
        ("cffi.txt",),
        module="_cffi_backend",
    ),
    Component(
        "platformdirs",
        "finding your documents, settings and log folders",
        "MIT licence",
        ("platformdirs.txt",),
        module="platformdirs",
    ),
    Component(
        "ReportLab",
        "PDF returns",
        "BSD licence",
        ("reportlab.txt",),
        module="reportlab",
    ),
    Component(
        "Pillow",
        "pictures inside ReportLab",
        "MIT-CMU (HPND) licence, with the licences of the image libraries it carries",
        ("Pillow.txt",),
        module="PIL",
    ),
    Component(
        "charset-normalizer",
        "reading text files in any encoding (used by ReportLab)",
        "MIT licence",
        ("charset-normalizer.txt",),
        module="charset_normalizer",
    ),
    Component(
        "openpyxl",
        "spreadsheet returns and imports",
        "MIT licence",
        ("openpyxl.txt",),
        module="openpyxl",
    ),
    Component(
        "et-xmlfile",
        "writing spreadsheet files (used by openpyxl)",
        "MIT licence",
        ("et-xmlfile.txt",),
        module="et_xmlfile",
    ),
    Component(
        "DejaVu fonts",
        "the lettering in PDF returns",
        "Bitstream Vera and Arev font licences (free to use and share)",
        ("DejaVu.txt",),
        font_pattern="DejaVu*",
    ),
    Component(
        "Python",
        "the language PeerLog is written in",
        "Python Software Foundation licence",
        ("Python.txt",),
    ),
)


def bundled_components() -> list[Component]:
    """The components in this copy of PeerLog, PeerLog itself first."""
    return [component for component in COMPONENTS if component.is_present()]
