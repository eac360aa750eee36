"""Wellbeing and loneliness measures: recording forms, scores over time, the organisation's own
measures.
"""
