"""Spreadsheets in and out: reading, checking and importing the template or a mapped spreadsheet,
and exporting all records.
"""
