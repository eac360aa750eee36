"""Start PeerLog: `python main.py` does what the `peerlog` command does."""

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
