"""The combined tables as the files will hold them: a table per section with a column per member
and the alliance total, then who sent what; problems and notes above them."""

from __future__ import annotations

from html import escape

from desktop_app.domain.alliance.alliance_return import AllianceReturn
from desktop_app.domain.alliance.wording import (
    block_title,
    cell_text,
    honest_arithmetic,
    row_label,
    total_text,
)
from desktop_app.services.alliance.who_sent_what import period_words, who_sent_what

PROBLEM_STYLE = "color: #9c2b1b;"
HIDDEN_STYLE = "background-color: #fff1c2; color: #5c3b00;"
EMPTY_TEXT = (
    "Add members' returns (the .json files PeerLog makes), one by one or a folder of them. "
    "The alliance return will appear here as it will be saved."
)


def problems_html(problems: tuple[str, ...]) -> str:
    items = "".join(f"<li>{escape(problem)}</li>" for problem in problems)
    return (
        f'<h2 style="{PROBLEM_STYLE}">Nothing can be combined yet: '
        f"{len(problems)} problem(s) to fix</h2><ul>{items}</ul>"
        "<p>Fix these (ask a member for a new return, or leave a file out), then add the "
        "returns again.</p>"
    )


def alliance_html(alliance: AllianceReturn) -> str:
    parts = [
        f"<h2>Alliance return for {escape(period_words(alliance))}</h2>",
        f"<p>{len(alliance.members)} members · {escape(alliance.template)} "
        f"(version {escape(alliance.template_version)})</p>",
    ]
    for note in alliance.notes:
        parts.append(f"<p><b>Note:</b> {escape(note)}</p>")
    parts += [f"<p>{escape(line)}</p>" for line in honest_arithmetic(alliance)]
    names = "".join(f"<th align='right'>{escape(m.name)}</th>" for m in alliance.members)
    for block in alliance.blocks:
        parts.append(f"<h3>{escape(block_title(block))}</h3>")
        parts.append(
            "<table cellspacing='0' cellpadding='3' border='1'>"
            f"<tr><th></th>{names}<th align='right'>Alliance total</th></tr>"
        )
        for row in block.rows:
            cells = []
            for cell in row.cells:
                style = (
                    f" style='{HIDDEN_STYLE}'" if cell is not None and cell.value is None else ""
                )
                text = cell_text(cell, row.place.kind, alliance.threshold)
                cells.append(f"<td align='right'{style}>{escape(text)}</td>")
            total = total_text(row.total, row.place.kind)
            parts.append(
                f"<tr><td>{escape(row_label(block, row))}</td>{''.join(cells)}"
                f"<td align='right'><b>{escape(total)}</b></td></tr>"
            )
        parts.append("</table>")
    header, *sent = who_sent_what(alliance)
    parts.append(
        "<h3>Who sent what, and when</h3><table cellspacing='0' cellpadding='3' border='1'>"
    )
    parts.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr>")
    for line in sent:
        parts.append("<tr>" + "".join(f"<td>{escape(text)}</td>" for text in line) + "</tr>")
    parts.append("</table>")
    return "".join(parts)
