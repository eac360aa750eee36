"""The one main window around every screen: starting the app, the workspace and its sections,
locking, crash reports, About.
"""
