"""Sync between laptops, the store's part: the merge engine (capture, apply, conflicts) and
the sealed files laptops leave for each other in the shared folder."""
