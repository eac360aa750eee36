"""PeerLog: encrypted, offline records and anonymised returns for peer support groups."""

from desktop_app.version import __version__

__all__ = ["__version__"]
