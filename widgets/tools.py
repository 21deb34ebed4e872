"""The course's tools: caffeine timeline, twitch diary and doctor-visit summary.

    from widgets import CaffeineTimeline, TwitchDiary, VisitSummary
    diary = TwitchDiary()
    diary            # shows the diary; entries stay in this browser (localStorage)
    diary.entries    # with a live kernel: the entries, as a list of dicts
    diary.save("my-diary.csv")

Every rule for what the reader may enter lives in the dicts below (CAFFEINE_FIELDS,
DIARY_FIELDS, MESSAGES, IMPORT_LIMITS). Python checks with `validate`; the browser gets the
same dicts as traits and runs the same checks (static/tools-shared.js: `validateFields`), so a value is
accepted or refused, with the same message, in both. CSV import and export use one format with
the same columns in both (`to_csv`, `parse_csv`; static/tools-shared.js: `toCSV`, `parseDiaryCSV`).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import traitlets

from .base import CourseWidget
from .caffeine import (
    CAFFEINE_GUIDANCE,
    DEFAULT_HALF_LIFE,
    HALF_LIFE_RANGE,
    bedtime_hour,
    caffeine_left,
    hour_of_day,
    latest_stop_hour,
)
from .data import DRINK_MAX_MG, load_drinks, load_symptoms

STORAGE_PREFIX = "fasciculation-course:"
DIARY_KEY = STORAGE_PREFIX + "diary"
DIARY_VERSION = 1  # the shape of what the diary keeps in localStorage: {version, entries}

# One number as the reader types it: digits, an optional minus, at most two decimals.
NUMBER = r"^-?\d+(\.\d{1,2})?$"

MESSAGES = {
    "required": "Please fill in “{label}”.",
    "number": "“{label}” must be a number, like 7 or 7.5.",
    "range": "“{label}” must be from {min} to {max}.",
    "integer": "“{label}” must be a whole number from {min} to {max}.",
    "date": "“{label}” must be a real date and time, like 2026-03-14 08:30.",
    "time": "“{label}” must be a time of day, like 08:30.",
    "day": "“{label}” must be a real date, like 2026-03-14.",
    "early": "“{label}” must be in the year 2000 or later.",
    "future": "“{label}” is in the future. Enter a time that has already passed.",
    "choice": "“{label}” must be one of: {choices}.",
    "too_long": "“{label}” can have at most {max_length} characters.",
}

AREAS = [
    {"id": "eyelid", "label": "Eyelid"},
    {"id": "face", "label": "Face or lips"},
    {"id": "arm", "label": "Arm or hand"},
    {"id": "trunk", "label": "Chest, back or belly"},
    {"id": "thigh", "label": "Thigh"},
    {"id": "calf", "label": "Calf or foot"},
    {"id": "many", "label": "Several places"},
]
EXERCISE = [
    {"id": "none", "label": "None"},
    {"id": "light", "label": "Light (a walk)"},
    {"id": "moderate", "label": "Moderate"},
    {"id": "hard", "label": "Hard (out of breath)"},
]

DIARY_FIELDS: list[dict[str, Any]] = [
    {
        "name": "when",
        "label": "Date and time",
        "type": "datetime",
        "required": True,
        "earliest": "2000-01-01T00:00",
    },
    {"name": "area", "label": "Body area", "type": "choice", "required": True, "choices": AREAS},
    {
        "name": "duration_min",
        "label": "How long it lasted (minutes)",
        "type": "number",
        "required": True,
        "min": 0,
        "max": 1440,
    },
    {
        "name": "sleep_h",
        "label": "Hours of sleep last night",
        "type": "number",
        "required": False,
        "min": 0,
        "max": 24,
    },
    {
        "name": "caffeine_mg",
        "label": "Caffeine today (mg)",
        "type": "number",
        "required": False,
        "min": 0,
        "max": 3000,
    },
    {
        "name": "stress",
        "label": "Stress today (0 to 10)",
        "type": "number",
        "integer": True,
        "required": False,
        "min": 0,
        "max": 10,
    },
    {
        "name": "exercise",
        "label": "Exercise today",
        "type": "choice",
        "required": False,
        "choices": EXERCISE,
    },
    {"name": "notes", "label": "Notes", "type": "text", "required": False, "max_length": 500},
]
CSV_COLUMNS = [f["name"] for f in DIARY_FIELDS]

CAFFEINE_FIELDS: list[dict[str, Any]] = [
    {"name": "time", "label": "Time you had it", "type": "time", "required": True},
    {
        "name": "mg",
        "label": "Caffeine in this drink (mg)",
        "type": "number",
        "required": True,
        "min": 1,
        "max": DRINK_MAX_MG,
    },
    {"name": "name", "label": "Drink", "type": "text", "required": False, "max_length": 80},
    # The day the drink belongs to (the chart's day, 04:00 to 04:00). Drinks saved before the tool
    # kept days have none; they count for no day, so they never add to today.
    {"name": "day", "label": "Day", "type": "day", "required": False},
]
MAX_DRINKS = 30  # a day

IMPORT_LIMITS = {"max_bytes": 1_000_000, "max_entries": 5000}

VISIT_FIELDS: list[dict[str, Any]] = [
    # When the reader noticed the twitching begin: often before the first diary entry.
    {"name": "started", "label": "When the twitching started", "type": "day", "required": False},
    {
        "name": "medicines",
        "label": "Medicines and supplements you take",
        "type": "text",
        "required": False,
        "max_length": 1000,
    },
    {
        "name": "questions",
        "label": "Your own questions",
        "type": "text",
        "required": False,
        "max_length": 1000,
    },
]


# --------------------------------------------------------------------------- validation


def message(kind: str, field: dict[str, Any]) -> str:
    """The one message for a broken rule (static/tools-shared.js fills the same templates)."""
    values = {
        "label": field["label"],
        "min": field.get("min", ""),
        "max": field.get("max", ""),
        "max_length": field.get("max_length", ""),
        "choices": ", ".join(c["label"] for c in field.get("choices", [])),
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), MESSAGES[kind])


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(_number(value))
    return str(value)


SPACE = " \t\n\r\f\v\u00a0"  # what counts as blank around a value (the browser uses the same)


def strip(text: str) -> str:
    return re.sub(f"^[{SPACE}]+|[{SPACE}]+$", "", text)


def _real_datetime(text: str) -> bool:
    try:
        datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M")
    except ValueError:
        return False
    return True


def check_field(field: dict[str, Any], raw: Any, now: str) -> tuple[Any, str | None]:
    """One field: (clean value, None) or (None, message). `now` is local 'YYYY-MM-DDTHH:MM'."""
    text = strip(_as_text(raw).replace("\r\n", "\n"))
    kind = field["type"]
    if text == "":
        if field["required"]:
            return None, message("required", field)
        return ("" if kind in ("text", "choice") else None), None
    if kind == "datetime":
        text = re.sub(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$", r"\1T\2", text, flags=re.A)
        if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", text, re.A) or not _real_datetime(text):
            return None, message("date", field)
        if text < field.get("earliest", ""):
            return None, message("early", field)
        if text > now:
            return None, message("future", field)
        return text, None
    if kind == "day":
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", text, re.A) or not _real_datetime(f"{text}T00:00"):
            return None, message("day", field)
        return text, None
    if kind == "time":
        match = re.match(r"^(\d{1,2}):(\d{2})$", text, re.A)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            return None, message("time", field)
        return f"{int(match.group(1)):02d}:{match.group(2)}", None
    if kind == "number":
        text = re.sub(r"^(-?\d+),(\d{1,2})$", r"\1.\2", text, flags=re.A)  # a decimal comma: 2,5
        if not re.match(NUMBER, text, re.A):
            return None, message("number", field)
        value = _number(float(text))
        if field.get("integer") and not float(value).is_integer():
            return None, message("integer", field)
        if not field["min"] <= value <= field["max"]:
            return None, message("integer" if field.get("integer") else "range", field)
        return value, None
    if kind == "choice":
        wanted = text.lower()
        for choice in field["choices"]:
            if wanted in (choice["id"], choice["label"].lower()):
                return choice["id"], None
        return None, message("choice", field)
    if len(text) > field["max_length"]:  # text; counted in characters, as the browser does
        return None, message("too_long", field)
    return text, None


def validate(fields: list[dict[str, Any]], raw: dict[str, Any], now: str | None = None):
    """(clean entry, {field name: message}) for one entry: the rules the browser applies too."""
    now = now or datetime.datetime.now().strftime("%Y-%m-%dT%H:%M")
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in fields:
        value, problem = check_field(field, raw.get(field["name"]), now)
        if problem:
            errors[field["name"]] = problem
        else:
            clean[field["name"]] = value
    return clean, errors


def validate_entry(raw: dict[str, Any], now: str | None = None):
    return validate(DIARY_FIELDS, raw, now)


# --------------------------------------------------------------------------- CSV


# A cell that starts like a formula could run in a spreadsheet (OWASP: CSV injection). Export
# writes it with a leading ' (and quoted); import takes that ' off again. A cell that starts with
# ' gets one more, so a reader's own ' survives the round trip.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def _quote(text: str) -> str:
    if text.startswith(FORMULA_START):
        text = "'" + text
    needs_quotes = re.search(r'[",\r\n;]', text) or text != strip(text) or text.startswith("'")
    return '"' + text.replace('"', '""') + '"' if needs_quotes else text


def _unformula(cell: str) -> str:
    """A cell as the reader wrote it: the ' that export put before a formula-like start comes off."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START else cell


def to_csv(entries: list[dict[str, Any]]) -> str:
    """The diary as CSV (UTF-8, comma, CRLF line ends, a header row), as the browser exports it."""
    lines = ["\ufeff" + ",".join(CSV_COLUMNS)]  # the mark tells spreadsheets the file is UTF-8
    for entry in entries:
        lines.append(",".join(_quote(_as_text(entry.get(c))) for c in CSV_COLUMNS))
    return "\r\n".join(lines) + "\r\n"


def split_csv(text: str, sep: str = ",") -> list[list[str]]:
    """RFC 4180 records (quotes, doubled quotes, line breaks inside quotes). Raises ValueError."""
    rows: list[list[str]] = []
    row: list[str] = []
    field = ""
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    field += '"'
                    i += 1
                else:
                    quoted = False
            else:
                field += c
        elif c == '"' and field == "":
            quoted = True
        elif c == sep:
            row.append(field)
            field = ""
        elif c in "\r\n":
            if c == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
                i += 1
            row.append(field)
            rows.append(row)
            row, field = [], ""
        else:
            field += c
        i += 1
    if quoted:
        raise ValueError('A quote mark (") is opened but never closed.')
    if field != "" or row:
        row.append(field)
        rows.append(row)
    return rows


def parse_csv(text: str, now: str | None = None) -> dict[str, Any]:
    """Diary entries from CSV text: {'entries', 'rows', 'skipped': [(row, why)], 'notes', 'error'}.

    The same rules as the browser's import: the first row names the columns (any order, any
    case; extra columns are ignored and reported); every other row is checked like a typed
    entry; a row that fails is skipped and reported with its row number (the header is row 1).
    """
    out: dict[str, Any] = {"entries": [], "rows": [], "skipped": [], "notes": [], "error": None}
    text = text[1:] if text.startswith("\ufeff") else text
    first = re.split(r"\r?\n|\r", text, maxsplit=1)[0]
    sep = ";" if ("," not in first and ";" in first) else ","
    try:
        rows = split_csv(text, sep)
    except ValueError as err:
        out["error"] = f"The file is not a readable CSV file: {err}"
        return out
    if not rows or all(strip(cell) == "" for cell in rows[0]):
        out["error"] = "The file is empty. Its first row must name the columns: " + ", ".join(CSV_COLUMNS) + "."
        return out
    header = [strip(cell).lower() for cell in rows[0]]
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in CSV_COLUMNS:
            if name in where:
                out["error"] = f"The column “{name}” appears twice in the first row."
                return out
            where[name] = index
    missing = [f["name"] for f in DIARY_FIELDS if f["required"] and f["name"] not in where]
    if missing:
        out["error"] = (
            f"The file has no column called “{missing[0]}”. Its first row must name the columns: "
            + ", ".join(CSV_COLUMNS)
            + "."
        )
        return out
    extra = [strip(rows[0][i]) or f"column {i + 1}" for i, n in enumerate(header) if n not in CSV_COLUMNS]
    if extra:
        out["notes"].append("Columns ignored: " + ", ".join(extra) + ".")
    absent = [c for c in CSV_COLUMNS if c not in where]
    if absent:
        out["notes"].append("Columns not in the file, left empty: " + ", ".join(absent) + ".")
    for number, row in enumerate(rows[1:], start=2):
        if all(strip(cell) == "" for cell in row):
            out["skipped"].append((number, "The row is empty."))
            continue
        if any(strip(cell) for cell in row[len(header) :]):
            out["skipped"].append(
                (
                    number,
                    f"The row has {len(row)} values but the first row names {len(header)} columns.",
                )
            )
            continue
        if len(out["entries"]) >= IMPORT_LIMITS["max_entries"]:
            out["skipped"].append((number, f"The diary holds at most {IMPORT_LIMITS['max_entries']} entries."))
            continue
        raw = {name: (_unformula(row[i]) if i < len(row) else "") for name, i in where.items()}
        entry, errors = validate_entry(raw, now)
        if errors:
            out["skipped"].append((number, " ".join(errors.values())))
        else:
            out["entries"].append(entry)
            out["rows"].append(number)
    return out


# --------------------------------------------------------------------------- widgets


PLOTLY_JS = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"


class _Tool(CourseWidget):
    """What the tools share: static/tools-shared.js and .css, and plotly.js handed to the browser
    when a live kernel asks for it."""

    shared = tuple("common storage triage fields csvfile saved_lists form data_controls plot caffeine_formula".split())

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.on_msg(self._on_custom_msg)

    def _on_custom_msg(self, _widget, content, _buffers):
        if isinstance(content, dict) and content.get("type") == "need-plotly":
            # No network: the plotly Python package carries plotly.js.
            self.send({"type": "plotly-js", "source": PLOTLY_JS.read_text(encoding="utf-8")})


class CaffeineTimeline(_Tool):
    """`CaffeineTimeline()`: add drinks, see caffeine in the body over the day and at bedtime.

    With a live kernel, `timeline.drinks` lists the drinks ({'time': 'HH:MM', 'mg', 'name'}),
    and `timeline.left_at_bedtime()` gives the milligrams left at `timeline.bedtime`.
    """

    kind = "caffeine"
    menu = traitlets.List().tag(sync=True)
    fields = traitlets.List().tag(sync=True)
    messages = traitlets.Dict().tag(sync=True)
    guidance = traitlets.Dict().tag(sync=True)
    half_life_range = traitlets.List().tag(sync=True)
    max_drinks = traitlets.Int(MAX_DRINKS).tag(sync=True)
    drinks = traitlets.List(traitlets.Dict()).tag(sync=True)
    half_life = traitlets.Float(DEFAULT_HALF_LIFE).tag(sync=True)
    bedtime = traitlets.Unicode("22:30").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(
            _uses_plotly=True,
            menu=load_drinks(),
            fields=CAFFEINE_FIELDS,
            messages=MESSAGES,
            guidance=CAFFEINE_GUIDANCE,
            half_life_range=list(HALF_LIFE_RANGE),
            **kwargs,
        )

    def __repr__(self) -> str:
        mg = sum(d.get("mg", 0) for d in self.drinks)
        return f"CaffeineTimeline({len(self.drinks)} drinks, {mg:g} mg, bedtime {self.bedtime})"

    @traitlets.validate("drinks")
    def _check_drinks(self, proposal):
        drinks = proposal["value"]
        if len(drinks) > MAX_DRINKS:
            raise traitlets.TraitError(f"at most {MAX_DRINKS} drinks a day")
        clean = []
        for drink in drinks:
            entry, errors = validate(CAFFEINE_FIELDS, drink)
            if errors:
                raise traitlets.TraitError(" ".join(errors.values()))
            clean.append(entry)
        return clean

    @traitlets.validate("half_life")
    def _check_half_life(self, proposal):
        low, high = HALF_LIFE_RANGE
        if not low <= proposal["value"] <= high:
            raise traitlets.TraitError(f"half-life must be from {low} to {high} hours")
        return proposal["value"]

    @traitlets.validate("bedtime")
    def _check_bedtime(self, proposal):
        value, problem = check_field({**CAFFEINE_FIELDS[0], "label": "Bedtime"}, proposal["value"], "")
        if problem:
            raise traitlets.TraitError(problem)
        return value

    def left_at_bedtime(self) -> float:
        """Milligrams of caffeine left at bedtime, by the course's formula."""
        drinks = [(hour_of_day(d["time"]), d["mg"]) for d in self.drinks]
        return caffeine_left(drinks, bedtime_hour(self.bedtime, [h for h, _ in drinks]), self.half_life)

    def latest_stop_time(self) -> str | None:
        """The clock time ('HH:MM') by which to have the last caffeine for under 100 mg at bedtime.

        None when even all of it first thing in the morning would leave 100 mg or more.
        """
        drinks = [(hour_of_day(d["time"]), d["mg"]) for d in self.drinks]
        bed = bedtime_hour(self.bedtime, [h for h, _ in drinks])
        stop = latest_stop_hour(drinks, bed, self.half_life)
        return None if stop is None else f"{int(stop) % 24:02d}:{round(stop % 1 * 60):02d}"


class TwitchDiary(_Tool):
    """`TwitchDiary()`: log twitch episodes; they stay in this browser (localStorage).

    With a live kernel, `diary.entries` holds the entries (a list of dicts, oldest first) and
    `diary.save(path)` writes them to a CSV file the diary can import again.
    """

    kind = "diary"
    fields = traitlets.List().tag(sync=True)
    messages = traitlets.Dict().tag(sync=True)
    limits = traitlets.Dict().tag(sync=True)
    storage_key = traitlets.Unicode(DIARY_KEY).tag(sync=True)
    version = traitlets.Int(DIARY_VERSION).tag(sync=True)
    entries = traitlets.List(traitlets.Dict()).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(
            _uses_plotly=True,
            fields=DIARY_FIELDS,
            messages=MESSAGES,
            limits={**IMPORT_LIMITS, "number": NUMBER},
            **kwargs,
        )

    def to_csv(self) -> str:
        return to_csv(self.entries)

    def save(self, path: str | Path) -> Path:
        """Write the entries to a CSV file (the format the diary's import reads)."""
        path = Path(path)
        path.write_text(self.to_csv(), encoding="utf-8", newline="")
        return path

    def __repr__(self) -> str:
        n = len(self.entries)
        return f"TwitchDiary({n} {'entry' if n == 1 else 'entries'})"


class VisitSummary(_Tool):
    """`VisitSummary()`: a one-page summary for a doctor, from the diary and the symptom checker.

    It reads what this browser saved; nothing is sent anywhere.
    """

    kind = "visit"
    fields = traitlets.List().tag(sync=True)
    visit_fields = traitlets.List().tag(sync=True)
    messages = traitlets.Dict().tag(sync=True)
    limits = traitlets.Dict().tag(sync=True)
    storage_key = traitlets.Unicode(DIARY_KEY).tag(sync=True)
    version = traitlets.Int(DIARY_VERSION).tag(sync=True)
    symptoms = traitlets.List().tag(sync=True)
    levels = traitlets.Dict().tag(sync=True)
    regions = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs):
        data = load_symptoms()
        super().__init__(
            fields=DIARY_FIELDS,
            visit_fields=VISIT_FIELDS,
            messages=MESSAGES,
            limits={**IMPORT_LIMITS, "number": NUMBER},
            symptoms=data["symptoms"],
            levels=data["levels"],
            regions=data["regions"],
            **kwargs,
        )

    def __repr__(self) -> str:
        return "VisitSummary(reads the diary and the symptom checker saved in this browser)"
