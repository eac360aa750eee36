"""Widgets and plumbing every screen uses: workers, paged tables, form rows and state, file
dialogs, messages, text styles.
"""
