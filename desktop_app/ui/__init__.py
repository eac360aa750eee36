"""Qt widgets, models and dialogs. Calls services; never writes SQL."""
