"""Importing records from the PeerLog template (a workbook, or a folder or .zip of CSV files):
the template's sheets and columns, reading cells, and turning rows into domain records.

Pure rules only: the readers live in services/import_sources.py, the matching against the
database and the one-transaction import in services/importing.py.
"""
