"""The bibliography (book/references.bib): every source a data file or a page may cite."""

from __future__ import annotations

import functools
from pathlib import Path

from .course_files import CourseDataError, book_dir


@functools.cache
def sources(folder: Path | None = None) -> dict[str, dict[str, str]]:
    """Bibliography keys -> {'label': 'NHS (2023)', 'url': ...} from book/references.bib."""
    import pybtex.database

    path = (folder or book_dir()) / "references.bib"
    if not path.is_file():
        raise CourseDataError(path, "", "file is missing")
    try:
        bib = pybtex.database.parse_file(str(path))
    except Exception as err:  # pybtex raises many kinds; all mean "this file does not parse"
        raise CourseDataError(path, "", f"not valid BibTeX: {err}") from None
    out = {}
    for key, entry in bib.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        if people:
            first = people[0]
            name = " ".join(first.last_names) or " ".join(first.first_names)
            name = name.replace("{", "").replace("}", "")
            if len(people) > 1:
                name += " et al." if len(people) > 2 else f" and {' '.join(people[1].last_names)}"
        else:
            name = entry.fields.get("organization") or entry.fields.get("publisher") or key
        year = entry.fields.get("year", "n.d.")
        url = entry.fields.get("url") or (f"https://doi.org/{entry.fields['doi']}" if "doi" in entry.fields else "")
        out[key] = {"label": f"{name} ({year})", "url": url, "title": _source_title(entry, people)}
    return out


# Long organisation names, as a reader knows them, for a source's title ("NHS: Stroke").
_SHORT_NAMES = {
    "National Health Service": "NHS",
    "National Institute for Health and Care Excellence": "NICE",
    "US Food and Drug Administration": "US FDA",
    "EFSA Panel on Dietetic Products, Nutrition and Allergies": "EFSA",
    "Institute of Medicine, Committee on Military Nutrition Research": "Institute of Medicine",
    "Medicines and Healthcare products Regulatory Agency": "MHRA",
    "National Institute of Neurological Disorders and Stroke": "NINDS",
    "Centers for Disease Control and Prevention": "CDC",
    "Institute for Quality and Efficiency in Health Care (IQWiG)": "IQWiG",
}


def _source_title(entry, people) -> str:
    """Who published it and what it is called, for a link's text: 'NHS: Twitching eyes and muscles'.
    An organisation is named by its short name; a journal article by its journal."""

    def plain(text: str) -> str:
        return text.replace("{", "").replace("}", "").strip()

    title = plain(entry.fields.get("title", ""))
    if len(people) == 1 and not people[0].first_names:  # an organisation wrote it
        who = plain(" ".join(people[0].last_names))
        who = _SHORT_NAMES.get(who, who)
    else:
        fields = ("journal", "publisher", "institution", "howpublished", "organization")
        who = plain(next((entry.fields[f] for f in fields if entry.fields.get(f)), ""))
    return f"{who}: {title}" if who and title else title or who


def check_source(path: Path, where: str, key: str, folder: Path) -> dict[str, str]:
    known = sources(folder)
    if key not in known:
        raise CourseDataError(path, where, f"source '{key}' is not in references.bib")
    return {"key": key, **known[key]}
