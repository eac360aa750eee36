"""PeerLog's version. pyproject.toml says the same (a test checks the two agree); a constant here,
because reading pyproject.toml or installed metadata at every start costs more than the rest of
the command line's start-up."""

__version__ = "0.2.0"
