"""The demo database's fixed passphrase and name: light to import (the start screen shows the
passphrase before anything else is loaded)."""

DEMO_PASSPHRASE = "demo passphrase"
DEMO_ORGANISATION = "Riverside Peer Support (demo)"
