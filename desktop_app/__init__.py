"""PeerLog: encrypted, offline records and anonymised returns for peer support groups."""

from desktop_app.version import app_version

__version__ = app_version()
