"""Home: this month at a glance and what needs attention."""
