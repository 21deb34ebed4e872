"""The twitch diary as a CSV file: written and read the same way in Python and in the browser.

One format in both (static/csvfile.js has the same functions: toCsv, splitCsv, parseCsv):
UTF-8 with a byte-order mark, commas, CRLF line ends, a header row with the diary's field names.
tests/test_parity.py proves the two read and write the same files.
"""

from __future__ import annotations

import re
from typing import Any

from .catalogue import say, words
from .data import load_fields
from .fields import as_text, form, strip, validate

# A cell that starts like a formula could run in a spreadsheet (OWASP: CSV injection). Export
# writes it with a leading ' (and quoted); import takes that ' off again. A cell that starts with
# ' gets one more, so a reader's own ' survives the round trip.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def columns() -> list[str]:
    return [f["name"] for f in form("diary")]


def _quote(text: str) -> str:
    if text.startswith(FORMULA_START):
        text = "'" + text
    needs_quotes = re.search(r'[",\r\n;]', text) or text != strip(text) or text.startswith("'")
    return '"' + text.replace('"', '""') + '"' if needs_quotes else text


def _unformula(cell: str) -> str:
    """A cell as the reader wrote it: the ' that export put before a formula-like start comes off."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START else cell


def to_csv(entries: list[dict[str, Any]]) -> str:
    """The diary as CSV, as the browser exports it."""
    names = columns()
    lines = ["\ufeff" + ",".join(names)]  # the mark tells spreadsheets the file is UTF-8
    for entry in entries:
        lines.append(",".join(_quote(as_text(entry.get(c))) for c in names))
    return "\r\n".join(lines) + "\r\n"


def split_csv(text: str, sep: str = ",") -> list[list[str]]:
    """RFC 4180 records (quotes, doubled quotes, line breaks inside quotes). Raises ValueError."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell = ""
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    cell += '"'
                    i += 1
                else:
                    quoted = False
            else:
                cell += c
        elif c == '"' and cell == "":
            quoted = True
        elif c == sep:
            row.append(cell)
            cell = ""
        elif c in "\r\n":
            if c == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
                i += 1
            row.append(cell)
            rows.append(row)
            row, cell = [], ""
        else:
            cell += c
        i += 1
    if quoted:
        raise ValueError(words("csvfile")["unclosed_quote"])
    if cell != "" or row:
        row.append(cell)
        rows.append(row)
    return rows


def _header(rows: list[list[str]], out: dict[str, Any]) -> dict[str, int] | None:
    """Where each diary column is in the file, or None (and out['error']) when the header will not do."""
    said, names = words("csvfile"), columns()
    listed = ", ".join(names)
    if not rows or all(strip(cell) == "" for cell in rows[0]):
        out["error"] = say(said["empty"], columns=listed)
        return None
    header = [strip(cell).lower() for cell in rows[0]]
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in names:
            if name in where:
                out["error"] = say(said["twice"], name=name)
                return None
            where[name] = index
    missing = [f["name"] for f in form("diary") if f["required"] and f["name"] not in where]
    if missing:
        out["error"] = say(said["missing"], name=missing[0], columns=listed)
        return None
    extra = [strip(rows[0][i]) or say(said["column"], number=i + 1) for i, n in enumerate(header) if n not in names]
    if extra:
        out["notes"].append(say(said["ignored"], names=", ".join(extra)))
    absent = [c for c in names if c not in where]
    if absent:
        out["notes"].append(say(said["absent"], names=", ".join(absent)))
    return where


def parse_csv(text: str, now: str | None = None) -> dict[str, Any]:
    """Diary entries from CSV text: {'entries', 'rows', 'skipped': [(row, why)], 'notes', 'error'}.

    The first row names the columns (any order, any case; extra columns are ignored and
    reported); every other row is checked like a typed entry; a row that fails is skipped and
    reported with its row number (the header is row 1).
    """
    out: dict[str, Any] = {"entries": [], "rows": [], "skipped": [], "notes": [], "error": None}
    said, most = words("csvfile"), load_fields()["limits"]["import_max_entries"]
    text = text[1:] if text.startswith("\ufeff") else text
    first = re.split(r"\r?\n|\r", text, maxsplit=1)[0]
    sep = ";" if ("," not in first and ";" in first) else ","
    try:
        rows = split_csv(text, sep)
    except ValueError as err:
        out["error"] = say(said["unreadable"], problem=err)
        return out
    where = _header(rows, out)
    if where is None:
        return out
    width = len(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if all(strip(cell) == "" for cell in row):
            out["skipped"].append((number, said["empty_row"]))
        elif any(strip(cell) for cell in row[width:]):
            out["skipped"].append((number, say(said["row_length"], values=len(row), columns=width)))
        elif len(out["entries"]) >= most:
            out["skipped"].append((number, say(said["full"], most=most)))
        else:
            raw = {name: (_unformula(row[i]) if i < len(row) else "") for name, i in where.items()}
            entry, errors = validate(form("diary"), raw, now)
            if errors:
                out["skipped"].append((number, " ".join(errors.values())))
            else:
                out["entries"].append(entry)
                out["rows"].append(number)
    return out
