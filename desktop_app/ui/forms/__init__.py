"""Form widgets and the forms they make: rows with their errors, dates, record pickers,
secret boxes, what a form holds (for drafts) and asking before discarding it."""
