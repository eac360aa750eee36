"""Settings (coordinators): the organisation, measures, users, the audit trail."""
