"""Lists out: any list as it is shown on screen (its filters, its order, every row) printed, or
saved as a PDF or a CSV file, marked as personal data when it holds any, and recorded in the
audit trail."""
