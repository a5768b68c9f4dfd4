"""The JSON form of a comparison: the contract of ``parallax compare --format json``.

Same input, byte-identical output: keys in a fixed order, no timings, no timestamps.
"""

from __future__ import annotations

import json

from desktop.core.matching.comparison import Comparison, Mention


def _mention(m: Mention, with_value: bool = False) -> dict:
    out = {"article": m.article, "start": m.start, "end": m.end, "text": m.text}
    if with_value or m.value is not None:
        out["value"] = m.value
    if m.attribution is not None:  # a claim's attribution, cut off its span
        a = m.attribution
        out["attribution"] = {"start": a.start, "end": a.end, "text": a.text, "source": a.source, "verb": a.verb}
    return out


def comparison_dict(comparison: Comparison) -> dict:
    return {
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "author": a.author,
                "url": a.url,
                "text": a.text,
            }
            for a in comparison.articles
        ],
        "facts": [
            {
                "id": f.id,
                "kind": f.kind,
                "label": f.label,
                "sources": f.sources,
                "verbatim": f.verbatim,
                "mentions": [_mention(m) for m in f.mentions],
                **({"restatements": [_mention(m) for m in f.restatements]} if f.restatements else {}),
            }
            for f in comparison.facts
        ],
        "conflicts": [
            {
                "id": c.id,
                "label": c.label,
                "kind": c.kind,
                "severity": c.severity,
                "mentions": [_mention(m, with_value=True) for m in c.mentions],
            }
            for c in comparison.conflicts
        ],
        "boilerplate": [
            {"article": a.id, "start": s.start, "end": s.end, "kind": s.kind}
            for a in comparison.articles
            for s in a.boilerplate
            if s.active
        ],
        "summaries": [
            {
                "article": s.article,
                "shared": s.shared,
                "exclusive": s.exclusive,
                "conflicts": s.conflicts,
                "omitted": list(s.omitted),
            }
            for s in comparison.summaries
        ],
    }


def to_json(comparison: Comparison) -> str:
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2) + "\n"
