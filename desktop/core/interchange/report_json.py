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
        "articles": _articles(comparison),
        "facts": _facts(comparison),
        "conflicts": _conflicts(comparison),
        "quotes": _quotes(comparison),
        "attributions": _attributions(comparison),
        "timeline": _timeline(comparison),
        "boilerplate": _boilerplate(comparison),
        "summaries": _summaries(comparison),
        # the reader's "Not the Same Fact" pairs; only when there are some, so older output stays as it was
        **({"separated": [[_mention(a), _mention(b)] for a, b in comparison.separated]} if comparison.separated
           else {}),
        **({"dismissed_conflicts": _conflicts(comparison, comparison.dismissed)} if comparison.dismissed else {}),
    }


def _articles(comparison: Comparison) -> list[dict]:
    return [
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
    ]


def _facts(comparison: Comparison) -> list[dict]:
    return [
        {
            "id": f.id,
            "kind": f.kind,
            "label": f.label,
            "sources": f.sources,
            "verbatim": f.verbatim,
            "mentions": [_mention(m) for m in f.mentions],
            **({"restatements": [_mention(m) for m in f.restatements]} if f.restatements else {}),
            **({"possible": [{**_mention(p.mention), "score": p.score} for p in f.possible]} if f.possible else {}),
            # a shared claim: how sure the link model is (mean link score), and whether below WEAK_LINK
            **({"score": f.score, "weak": f.weak} if f.kind == "claim" and f.sources > 1 else {}),
        }
        for f in comparison.facts
    ]


def _conflicts(comparison: Comparison, conflicts=None) -> list[dict]:
    return [
        {
            "id": c.id,
            "label": c.label,
            "kind": c.kind,
            "severity": c.severity,
            "weak": c.weak,
            "slot": c.slot,
            "values": [{"text": v.text, "normalized": v.normalized, "articles": list(v.articles),
                        **({"note": v.note} if v.note else {})} for v in c.values],
            "mentions": [_mention(m, with_value=True) for m in c.mentions],
        }
        for c in (comparison.conflicts if conflicts is None else conflicts)
    ]


def _quotes(comparison: Comparison) -> list[dict]:
    return [
        {
            "id": q.id,
            "speaker": q.speaker,
            "text": q.text,
            "articles": list(q.articles),
            "mentions": [
                {"article": m.article, "start": m.start, "end": m.end, "text": m.text, "speaker": m.speaker,
                 "speaker_as_written": m.speaker_as_written, "drift": m.drift or None,
                 "changes": [{"op": op, "reference": a, "quoted": b} for op, a, b in m.changes],
                 **({"continued": True} if m.continued else {}), **({"nested": True} if m.nested else {})}
                for m in q.mentions
            ],
        }
        for q in comparison.quotes
    ]


def _attributions(comparison: Comparison) -> dict:
    return {
        "origin": comparison.attributions.origin,
        "origin_articles": list(comparison.attributions.origin_articles),
        "citations": [
            {"article": c.article, "start": c.start, "end": c.end, "text": c.text, "source": c.source,
             "source_kind": c.source_kind, "verb": c.verb, "about_story": c.about_story,
             "in_story": c.in_story}
            for c in comparison.attributions.citations
        ],
    }


def _timeline(comparison: Comparison) -> list[dict]:
    return [
        {"id": e.id, "date": e.date, "display": e.display, "label": e.label, "articles": list(e.articles),
         "conflict": e.conflict, "year_inferred": e.year_inferred,
         "mentions": [_mention(m, with_value=True) for m in e.mentions]}
        for e in comparison.timeline
    ]


def _boilerplate(comparison: Comparison) -> list[dict]:
    return [
        {"article": a.id, "start": s.start, "end": s.end, "kind": s.kind}
        for a in comparison.articles
        for s in a.boilerplate
        if s.active
    ]


def _summaries(comparison: Comparison) -> list[dict]:
    return [
        {
            "article": s.article,
            "shared": s.shared,
            "exclusive": s.exclusive,
            "conflicts": s.conflicts,
            "omitted": list(s.omitted),
            "possibly_elsewhere": s.possibly_elsewhere,
        }
        for s in comparison.summaries
    ]


def to_json(comparison: Comparison) -> str:
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2) + "\n"
