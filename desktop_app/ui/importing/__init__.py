"""Spreadsheets in and out: the import wizard, mapping anyone's spreadsheet, export all records."""
