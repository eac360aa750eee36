"""Sync between laptops, in the window: the shared folder in Settings, Sync now and its report,
the changes to check, and Home's line about the other laptops."""
