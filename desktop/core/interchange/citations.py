"""Citations people paste into papers: an article, a quote or a note as BibTeX, RIS or CSL-JSON, as
formatted text in APA or Chicago (``citation_styles``: citeproc-py), or as Markdown (``notes.citation``).

``cite(article, fmt, quote=..., start=..., note=...)`` gives one citation in any format of
``CITATION_FORMATS``; ``cite_many`` a bibliography of several (a .bib, .ris or CSL-JSON file, a
reference list); ``annotations_citations`` the articles of the reader's notes, each once with its
quoted passages and notes. What each format holds:

* every format: outlet (``container-title``, BibTeX ``journal``, RIS ``T2``), title, authors (a
  byline such as "By Jane Doe and John Smith" becomes two persons; a single word or a newsroom such
  as "Reuters Staff" stays one literal name), the date when the article knows it, the http(s) URL
  and the date it was cited (accessed);
* a quote: its words (and the reader's note) in ``annote`` (BibTeX, CSL-JSON) or ``N1`` (RIS),
  and, in APA and Chicago, “the quote” followed by the in-text citation with the paragraph it
  stands in (``para. 3``: APA 7 §8.28 for texts without page numbers), then the reference.

BibTeX is written for BibLaTeX and BibTeX alike (``date`` and ``year``/``month``); LaTeX's special
characters are escaped, other characters stay UTF-8; capitals inside words ("US", "iPhone") are
kept in braces so styles do not lower-case them. RIS lines are ``TAG  - value`` with one line per
value, ending with ``ER  - ``. Nothing here needs Qt.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desktop.core.interchange.citation_styles import formatted
from desktop.core.interchange.escaping import clean_line, http_url
from desktop.core.interchange.records import annotation_groups
from desktop.core.library.store import Store
from desktop.core.models import Article
from desktop.core.notes.citation import citation_markdown, source_line

# the formats, in the order menus offer them; labels for menus and the command line's help
CITATION_FORMATS: dict[str, str] = {
    "markdown": "Markdown",
    "apa": "APA (7th edition)",
    "chicago": "Chicago (author-date)",
    "bibtex": "BibTeX",
    "ris": "RIS (Zotero, EndNote, Mendeley)",
    "csl-json": "CSL-JSON (Zotero, pandoc)",
}
STYLED = ("apa", "chicago")  # formatted text through a CSL style
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
# a byline naming a newsroom, a wire service or a desk, not a person: kept whole
_ORGANISATION = re.compile(
    r"(?i)\b(staff|desk|news|newsroom|press|agency|agence|reuters|associated|bureau|editors?|editorial|"
    r"team|correspondents?|service|wire|media|times|post|journal|online)\b")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos", "das", "ter", "bin",
              "al", "el"}
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Cited:
    """What a citation points at: an article, and maybe a passage of it with the reader's note.
    ``start``: where the quote starts in ``article.text`` (gives its paragraph), when known."""

    article: Article
    quote: str | None = None
    start: int | None = None
    note: str = ""
    keywords: tuple[str, ...] = ()  # the reader's tags (a reference manager's keywords)


# --------------------------------------------------------------------- the data


def date_parts(value: str | None) -> list[int] | None:
    """"2024-07-16" (or a datetime that day) -> [2024, 7, 16]; "2024-07" -> [2024, 7]; else None."""
    match = _ISO_DATE.match((value or "").strip())
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    if (len(parts) > 1 and not 1 <= parts[1] <= 12) or (len(parts) > 2 and not 1 <= parts[2] <= 31):
        return parts[:1]
    return parts


def person_names(author: str | None) -> list[dict]:
    """A byline as CSL names: ``{"family", "given"}`` for a person, ``{"literal"}`` for a newsroom
    or a single word. "By Jane Doe and John Smith", "Doe, Jane; Smith, John" and "Jane Doe, John
    Smith" all give two persons."""
    text = clean_line(author)
    text = re.sub(r"(?i)^by\s+", "", text).strip(" ,;")
    if not text:
        return []
    if ";" in text:
        parts = [p for p in (p.strip() for p in text.split(";")) if p]
    else:
        parts = [p for p in re.split(r"\s*,?\s+(?:and|&)\s+|\s*&\s*", text) if p.strip()]
        split: list[str] = []
        for part in parts:
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            # "Doe, Jane" is one person written family first; "Jane Doe, John Smith" are two
            if len(pieces) > 1 and all(len(p.split()) > 1 for p in pieces):
                split += pieces
            else:
                split.append(part.strip())
        parts = split
    return [_person(p) for p in parts]


def _person(name: str) -> dict:
    if _ORGANISATION.search(name) or len(name.split()) == 1:
        return {"literal": name}
    if "," in name:  # "Doe, Jane"
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    words = name.split()
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:  # "Ursula von der Leyen"
        cut -= 1
    return {"family": " ".join(words[cut:]), "given": " ".join(words[:cut])}


def paragraph_number(text: str, start: int | None) -> int | None:
    """The paragraph (counting from 1, by blank lines, else by line breaks) the offset falls in."""
    if start is None or not 0 <= start <= len(text):
        return None
    text = text.replace("\r\n", "\n")
    separator = r"\n\s*\n" if re.search(r"\S\s*\n\s*\n\s*\S", text) else r"\n"
    return 1 + len(re.findall(separator, text[:start].lstrip()))


def citation_key(article: Article) -> str:
    """``doe2024kaspersky``: the first author's family name (else the outlet), the year and the
    title's first long word, in ASCII letters and digits."""
    names = person_names(article.author)
    who = (names[0].get("family") or names[0].get("literal")) if names else (article.source or "anon")
    year = (date_parts(article.published) or ["nd"])[0]
    words = [w for w in re.findall(r"\w+", _ascii(article.display_title)) if len(w) > 3] or ["article"]
    key = f"{_ascii(who).split()[0] if _ascii(who).split() else 'anon'}{year}{words[0]}".lower()
    return re.sub(r"[^a-z0-9]", "", key) or f"article{article.id}"


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9 ]+", " ", folded)


def csl_item(cited: Cited, accessed: date | None = None, key: str | None = None) -> dict:
    """The article as a CSL-JSON item (``article-newspaper``); a quote and note go in ``annote``."""
    article = cited.article
    item: dict = {"id": key or citation_key(article), "type": "article-newspaper",
                  "title": clean_line(article.display_title)}
    if article.source:
        item["container-title"] = clean_line(article.source)
    authors = person_names(article.author)
    if authors:
        item["author"] = authors
    issued = date_parts(article.published)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    url = http_url(article.url)
    if url:
        item["URL"] = url
    if accessed is not None:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    annote = _annote(cited)
    if annote:
        item["annote"] = annote
    if cited.keywords:
        item["keyword"] = ", ".join(clean_line(k) for k in cited.keywords)
    return item


def _annote(cited: Cited) -> str:
    parts = []
    if cited.quote and cited.quote.strip():
        paragraph = paragraph_number(cited.article.text, cited.start)
        where = f" (para. {paragraph})" if paragraph else ""
        parts.append(f"“{clean_line(cited.quote)}”{where}")
    if cited.note and cited.note.strip():
        parts.append(clean_line(cited.note))
    return " — ".join(parts)


# ---------------------------------------------------------------- the formats


def _latex(text: str) -> str:
    escaped = "".join(_LATEX_SPECIAL.get(c, c) for c in clean_line(text))
    # a capital after the first letter of a word ("US", "iPhone") is protected from re-casing
    return re.sub(r"(?<![\w\\{])(\w*[a-z0-9]?[A-Z]\w*[A-Z]\w*|[a-z]+[A-Z]\w*)", r"{\1}", escaped)


def _bibtex_name(name: dict) -> str:
    if "literal" in name:
        return "{" + _latex(name["literal"]) + "}"
    return f"{_latex(name['family'])}, {_latex(name['given'])}"


def bibtex_entry(item: dict) -> str:
    """One CSL item as a BibTeX/BibLaTeX ``@article`` entry."""
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        fields.append(("author", "{" + " and ".join(_bibtex_name(n) for n in item["author"]) + "}"))
    fields.append(("title", "{" + _latex(item["title"]) + "}"))
    if item.get("container-title"):
        fields.append(("journal", "{" + _latex(item["container-title"]) + "}"))
    issued = (item.get("issued") or {}).get("date-parts", [[]])[0]
    if issued:
        fields.append(("date", "{" + "-".join(f"{p:02d}" if n else str(p) for n, p in enumerate(issued)) + "}"))
        fields.append(("year", "{" + str(issued[0]) + "}"))
        if len(issued) > 1:
            fields.append(("month", _MONTHS[issued[1] - 1]))  # the standard macro: styles print the name
    if item.get("URL"):
        fields.append(("url", "{" + item["URL"].replace("{", "%7B").replace("}", "%7D") + "}"))
    accessed = (item.get("accessed") or {}).get("date-parts", [[]])[0]
    if accessed:
        fields.append(("urldate", "{" + "-".join(f"{p:02d}" if n else str(p) for n, p in enumerate(accessed)) + "}"))
    if item.get("annote"):
        fields.append(("annote", "{" + _latex(item["annote"]) + "}"))
    if item.get("keyword"):
        fields.append(("keywords", "{" + _latex(item["keyword"]) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@article{{{item['id']},\n{body},\n}}\n"


def ris_record(item: dict) -> str:
    """One CSL item as an RIS record (``TY  - NEWS`` ... ``ER  - ``)."""
    lines = [("TY", "NEWS")]
    for name in item.get("author", ()):
        lines.append(("AU", name.get("literal") or f"{name['family']}, {name['given']}"))
    lines.append(("TI", item["title"]))
    if item.get("container-title"):
        lines.append(("T2", item["container-title"]))
    issued = (item.get("issued") or {}).get("date-parts", [[]])[0]
    if issued:
        lines.append(("PY", str(issued[0])))
        lines.append(("DA", "/".join(f"{p:02d}" if n else str(p) for n, p in enumerate(issued)) + "/"))
    if item.get("URL"):
        lines.append(("UR", item["URL"]))
    accessed = (item.get("accessed") or {}).get("date-parts", [[]])[0]
    if accessed:
        lines.append(("Y2", "/".join(f"{p:02d}" if n else str(p) for n, p in enumerate(accessed)) + "/"))
    if item.get("annote"):
        lines.append(("N1", item["annote"]))
    lines += [("KW", k.strip()) for k in (item.get("keyword") or "").split(", ") if k.strip()]
    lines.append(("ID", item["id"]))
    return "".join(f"{tag}  - {clean_line(value)}\n" for tag, value in lines) + "ER  - \n"


def _unique_keys(items: list[dict]) -> list[dict]:
    """Keys made unique within one file: doe2024kaspersky, doe2024kasperskya, ...b."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        key = item["id"]
        count = seen.get(key, 0)
        seen[key] = count + 1
        out.append(item if not count else {**item, "id": key + _suffix(count)})
    return out


def _suffix(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def cite_many(citations: Iterable[Cited], fmt: str, accessed: date | None = None) -> str:
    """Several citations in one document of ``fmt``: a .bib or .ris file, a CSL-JSON list, APA or
    Chicago references (one paragraph each), or Markdown citations."""
    citations = list(citations)
    accessed = accessed or date.today()
    if fmt == "markdown":
        return "\n".join(_markdown(c) for c in citations)
    if fmt in STYLED:
        return "\n\n".join(_styled(c, fmt) for c in citations) + ("\n" if citations else "")
    items = _unique_keys([csl_item(c, accessed) for c in citations])
    if fmt == "csl-json":
        return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
    if fmt == "bibtex":
        return "\n".join(bibtex_entry(item) for item in items)
    if fmt == "ris":
        return "\n".join(ris_record(item) for item in items)
    raise ValueError(f"Unknown citation format {fmt!r}; choose one of: {', '.join(CITATION_FORMATS)}.")


def cite(article: Article, fmt: str, quote: str | None = None, start: int | None = None, note: str = "",
         accessed: date | None = None) -> str:
    """One citation of the article (or of a quote from it, with the reader's note) in ``fmt``."""
    return cite_many([Cited(article, quote, start, note)], fmt, accessed)


def cite_html(article: Article, fmt: str, quote: str | None = None, start: int | None = None) -> str | None:
    """The rich-text form for the clipboard (italics in APA and Chicago, a blockquote in Markdown);
    None for the data formats, which are plain text."""
    if fmt in STYLED:
        return _styled(Cited(article, quote, start), fmt, html=True)
    if fmt == "markdown" and quote:
        from desktop.core.notes.citation import citation_html

        return citation_html(article, quote)
    return None


def _styled(cited: Cited, style: str, html: bool = False) -> str:
    return formatted(csl_item(Cited(cited.article)), style, cited.quote,
                     paragraph_number(cited.article.text, cited.start), html)


def _markdown(cited: Cited) -> str:
    if cited.quote and cited.quote.strip():
        return citation_markdown(cited.article, cited.quote)
    return source_line(cited.article).removeprefix("— ") + "\n"


def annotations_citations(store: Store, fmt: str, story_id: int | None = None, tag: str | None = None,
                          accessed: date | None = None) -> str:
    """The articles the notes (of a story, or with a tag) are on, each once, as a bibliography in
    ``fmt``; in BibTeX, RIS and CSL-JSON each entry holds its quoted passages and notes, and the
    notes' tags as keywords (which Zotero and the like import as tags)."""
    citations = []
    for _story, article, found in annotation_groups(store, story_id, tag):
        passages = [_annote(Cited(article, a.exact, None if a.orphaned else a.start, a.note)) for a in found]
        tags = tuple(dict.fromkeys(t for a in found for t in a.tags))
        citations.append(Cited(article, note=" · ".join(p for p in passages if p), keywords=tags))
    if fmt == "csl-json" or fmt in ("bibtex", "ris"):
        return cite_many(citations, fmt, accessed)
    return cite_many([Cited(c.article) for c in citations], fmt, accessed)


__all__ = ["CITATION_FORMATS", "STYLED", "Cited", "annotations_citations", "bibtex_entry", "citation_key", "cite",
           "cite_html", "cite_many", "csl_item", "date_parts", "paragraph_number", "person_names", "ris_record"]
