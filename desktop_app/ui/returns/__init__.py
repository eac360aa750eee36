"""Returns: choosing a period and template, the preview, case studies, exporting."""
