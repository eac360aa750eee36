"""How one figure of a protected return is written as text, the same way in every format."""

from __future__ import annotations

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.protected_return import Figure


def hidden(figure: Figure, rules: DisclosureRules) -> str:
    """How a hidden figure is written: "<5" for a count, "n<5" for a mean or change."""
    return rules.mean_marker if figure.kind in ("mean", "change", "days") else rules.marker


def display(figure: Figure, rules: DisclosureRules) -> str:
    """For people reading: "1,234", "97.5", "£3,815.63", "+4.50"; hidden ones as "<5"."""
    value = figure.value
    if value is None:
        return hidden(figure, rules)
    if figure.kind == "hours":
        return _hours(f"{value:,.2f}")
    if figure.kind == "money":
        return f"£{value:,.2f}"
    if figure.kind == "rate":
        return f"£{value:,.2f} an hour"
    if figure.kind == "change":
        return f"{value:+.2f}"
    if figure.kind == "mean":
        return f"{value:.2f}"
    if figure.kind == "days":
        return f"{value:g}"  # a median of whole days: 3 or 3.5
    return f"{int(value):,}"


def plain(figure: Figure, rules: DisclosureRules) -> str:
    """For machines (CSV): no thousands separators or currency signs; hidden ones as "<5"."""
    value = figure.value
    if value is None:
        return hidden(figure, rules)
    if figure.kind in ("people", "count"):
        return str(int(value))
    if figure.kind == "hours":
        return _hours(f"{value:.2f}")
    return f"{value:.2f}"


def _hours(text: str) -> str:
    """Hours to the hundredth, as they were recorded: "312.5", "1.25", "6.0" (never "1.2" for
    a quarter past)."""
    whole, _, part = text.partition(".")
    return f"{whole}.{part.rstrip('0') or '0'}"
