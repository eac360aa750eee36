"""Returns before and after disclosure control: figures, periods, templates, protection and the
rules text.
"""
