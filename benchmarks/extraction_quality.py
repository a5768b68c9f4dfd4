"""Main-content extraction quality on 90 real news pages with their true article bodies.

Data: ../shared/data/article-extraction/ (html/KEY.html.gz and ground-truth.json, "articleBody").
Score: word-shingle precision, recall and F1 (shingles of 4 words, lower-cased, counted with
multiplicity, as in the article-extraction benchmark), per page, then averaged over the pages.

Extractors compared:
* html_extract: Parallax's own, standard library only (desktop/core/library/html_extract.py);
* trafilatura: trafilatura.extract, default settings, and favouring precision (what Parallax uses);
* parallax: what an import keeps (desktop/core/library/page_extract.py: trafilatura, falling back
  to html_extract when trafilatura finds nothing).

Also printed: how often the canonical URL found equals the ground truth's URL, and how often the
date found equals the date in the URL (on the pages whose URL has one).

Run: python benchmarks/extraction_quality.py
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.library.decoding import decode_bytes  # noqa: E402
from desktop.core.library.html_extract import extract_article, sniff_charset  # noqa: E402
from desktop.core.library.page_extract import extract_page  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "article-extraction"
WORD = re.compile(r"\w+")
URL_DATE = re.compile(r"/(20\d\d)[/-](\d\d)[/-](\d\d)/")


def shingles(text: str, n: int = 4) -> Counter:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1)))


def prf(found: str, truth: str) -> tuple[float, float, float]:
    got, want = shingles(found), shingles(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    import trafilatura

    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    extractors = {
        "html_extract (ours, stdlib)": lambda html, url: (extract_article(html, "page").text, None, None),
        "trafilatura (defaults)": lambda html, url: (trafilatura.extract(html) or "", None, None),
        "trafilatura (favour precision)": lambda html, url: (
            trafilatura.extract(html, favor_precision=True) or "", None, None),
        "parallax (trafilatura + fallback)": _parallax,
    }
    scores: dict[str, list[tuple[float, float, float]]] = {name: [] for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    urls_right = dates_right = dated = 0
    old_urls_right = old_dates_right = 0
    for key, entry in sorted(truth.items()):
        data = gzip.decompress((DATA / "html" / f"{key}.html.gz").read_bytes())
        html = decode_bytes(data, key, declared=sniff_charset(data))
        for name, extract in extractors.items():
            started = time.perf_counter()
            text, url, published = extract(html, None)
            seconds[name] += time.perf_counter() - started
            scores[name].append(prf(text, entry["articleBody"]))
            if name.startswith("parallax"):
                urls_right += _same_url(url, entry["url"])
                old = extract_article(html, "page")
                old_urls_right += _same_url(old.url, entry["url"])
                if (match := URL_DATE.search(entry["url"])):
                    dated += 1
                    dates_right += (published or "")[:10] == "-".join(match.groups())
                    old_dates_right += (old.published or "")[:10] == "-".join(match.groups())
    print(f"{len(truth)} pages; word 4-shingle precision / recall / F1, mean over pages (median F1)\n")
    print(f"{'extractor':<36} {'precision':>9} {'recall':>7} {'F1':>6} {'median':>7} {'F1<0.5':>7} {'time':>7}")
    for name, rows in scores.items():
        p, r, f = (statistics.mean(row[i] for row in rows) for i in range(3))
        median = statistics.median(row[2] for row in rows)
        bad = sum(1 for row in rows if row[2] < 0.5)
        print(f"{name:<36} {p:>9.3f} {r:>7.3f} {f:>6.3f} {median:>7.3f} {bad:>7} {seconds[name]:>6.1f}s")
    print(f"\ncanonical URL equal to the true URL: html_extract {old_urls_right}/{len(truth)}, "
          f"parallax {urls_right}/{len(truth)}")
    print(f"date equal to the date in the URL ({dated} pages have one): html_extract {old_dates_right}, "
          f"parallax {dates_right}")


def _parallax(html: str, _url):
    article = extract_page(html, "page").article
    return article.text, article.url, article.published


def _same_url(found: str | None, wanted: str) -> bool:
    return (found or "").rstrip("/").split("://")[-1] == wanted.rstrip("/").split("://")[-1]


if __name__ == "__main__":
    main()
