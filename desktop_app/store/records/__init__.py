"""The everyday records in SQL: people, sessions, volunteers, hours, outcomes, case studies, Home's
counts.
"""
