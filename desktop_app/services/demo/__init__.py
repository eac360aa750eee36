"""The demo database: an invented organisation to try PeerLog on."""
