"""Precision and recall of reckon.news.extract on the articles in ../shared/eval/news.

Matching follows that folder's README: figures on value + qualifier + category (a headline repeat is
neither required nor penalised), sanctions on the target's surname and each jurisdiction, quotes on the
speaker's surname and the first 40 letters, declared political prisoners on the folded name.

    .venv/bin/python benchmarks/news_eval.py [--shared PATH] [--verbose]
    .venv/bin/python benchmarks/news_eval.py --folder tests/data/news_heldout -v   # the synthetic held-out set
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fold(text: str | None) -> str:
    text = (text or "").replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def surname(name: str | None) -> str:
    parts = re.findall(r"[\w’'-]+", fold(name))
    return parts[-1] if parts else ""


def letters40(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalpha())[:40]


def score(expected: Counter, got: Counter, ignore: Counter | None = None) -> tuple[int, int, int]:
    """True positives, predicted count and expected count for multisets of keys."""
    ignore = ignore or Counter()
    tp = sum((expected & got).values())
    extra = got - expected
    # predictions that only repeat an ignorable item (a headline figure) are not penalised
    forgiven = sum((extra & ignore).values())
    return tp, sum(got.values()) - forgiven, sum(expected.values())


def evaluate(shared: Path, verbose: bool = False) -> dict[str, tuple[float, float, int, int, int]]:
    """Scores on the shared evaluation set (``shared/eval/news``)."""
    return evaluate_folder(shared / "eval" / "news", verbose)


def key_language(entry: dict) -> str:
    """The language a key entry declares (``lang``), else the one its file name starts with (``ru_01.txt``)."""
    lang = entry.get("lang") or entry["file"][:2]
    return lang if lang in ("be", "ru", "en") else "en"


def evaluate_folder(folder: Path, verbose: bool = False, key_file: str = "key.json",
                    language: str | None = None) -> dict[str, tuple[float, float, int, int, int]]:
    """Scores on any folder of articles with a key in the evaluation schema (e.g. the held-out set).

    ``language`` keeps only the key entries of that language (see ``key_language``).
    """
    from reckon.news import extract

    key = json.loads((folder / key_file).read_text(encoding="utf-8"))
    if language:
        key = [e for e in key if key_language(e) == language]
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in ("figures", "sanctions", "quotes", "declared")}
    as_of = [0, 0]  # matched figures whose as_of agrees, matched figures
    reporter = [0, 0]  # matched figures whose reporter agrees (one folded name contains the other)
    for entry in key:
        path = folder / entry["file"]
        for sub in ("articles", "articles_ru_be"):
            if not path.exists():
                path = folder / sub / entry["file"]
        facts = extract(path.read_text(encoding="utf-8"), source_hint=path.name)
        exp_f = Counter((f["value"], f["qualifier"], f["category"]) for f in entry["figures"]
                        if "headline" not in (f.get("note") or ""))
        head_f = Counter((f["value"], f["qualifier"], f["category"]) for f in entry["figures"])
        got_f = Counter((f.value, f.qualifier, f.category) for f in facts.figures)
        pred_head = Counter((f.value, f.qualifier, f.category) for f in facts.figures if f.headline)
        # a predicted headline figure is forgiven when it matches any expected figure of the file
        got_body = got_f - (pred_head & head_f)
        for f in entry["figures"]:
            hits = [g for g in facts.figures if (g.value, g.qualifier, g.category) ==
                    (f["value"], f["qualifier"], f["category"])]
            if hits and "headline" not in (f.get("note") or ""):
                as_of[1] += 1
                as_of[0] += any(g.as_of == f["as_of"] for g in hits)
                want = fold(f.get("reporter"))
                reporter[1] += 1
                reporter[0] += any((want in fold(g.reporter) or fold(g.reporter) in want) if want and g.reporter
                                   else not want and not g.reporter for g in hits)
        exp_s = Counter((surname(s["target"]), j) for s in entry["sanctions"] for j in s["jurisdictions"])
        got_s = Counter((surname(s.target), j) for s in facts.sanctions for j in s.jurisdictions)
        exp_q = Counter((surname(q["speaker"]), letters40(q["text"])) for q in entry["quotes"])
        got_q = Counter((surname(q.speaker), letters40(q.text)) for q in facts.quotes)
        exp_d = Counter(fold(d["name"]) for d in entry["declared_political_prisoners"])
        # a key writes a name as the article does ("Александра Ильина") or in the nominative ("Александр
        # Ильин"); the extractor gives both (name, written): either may match, each extracted name once
        got_d = Counter(fold(d.written) if d.written and fold(d.written) in exp_d and fold(d.name) not in exp_d
                        else fold(d.name) for d in facts.declared_political_prisoners)
        for name, (e, g) in {"figures": (exp_f, got_body), "sanctions": (exp_s, got_s), "quotes": (exp_q, got_q),
                             "declared": (exp_d, got_d)}.items():
            tp, npred, nexp = score(e, g, head_f if name == "figures" else None)
            totals[name][0] += tp
            totals[name][1] += npred
            totals[name][2] += nexp
            if verbose and (e - g or g - e):
                missing, extra = e - g, g - e
                if name == "figures":
                    extra = extra - head_f
                if missing or extra:
                    print(f"  {entry['file']} {name}: missing {sorted(missing.elements())} "
                          f"extra {sorted(extra.elements())}")
    out = {}
    for name, (tp, npred, nexp) in totals.items():
        p = tp / npred if npred else 1.0
        r = tp / nexp if nexp else 1.0
        out[name] = (p, r, tp, npred, nexp)
    out["as_of"] = (as_of[0] / as_of[1] if as_of[1] else 1.0, 0.0, as_of[0], as_of[1], as_of[1])
    out["reporter"] = (reporter[0] / reporter[1] if reporter[1] else 1.0, 0.0, reporter[0], reporter[1], reporter[1])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folder", type=Path, default=None,
                        help="score another folder with a key.json instead (e.g. tests/data/news_heldout)")
    parser.add_argument("--key", default=None,
                        help="key file inside the folder (default: key.json, and key_ru_be.json when present)")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    folder = args.folder or args.shared / "eval" / "news"
    keys = [args.key] if args.key else [k for k in ("key.json", "key_ru_be.json") if (folder / k).exists()]
    if not keys or not all((folder / k).exists() for k in keys):
        print(f"no evaluation data at {folder}", file=sys.stderr)
        return 2
    for key_file in keys:
        entries = json.loads((folder / key_file).read_text(encoding="utf-8"))
        for lang in sorted({key_language(e) for e in entries}):
            results = evaluate_folder(folder, args.verbose, key_file, lang)
            print(f"\n{folder.name}/{key_file} [{lang}]")
            print(f"{'facts':<10} {'precision':>9} {'recall':>7} {'tp':>4} {'pred':>5} {'expected':>8}")
            for name, (p, r, tp, npred, nexp) in results.items():
                if name in ("as_of", "reporter"):
                    print(f"{name} agrees with the key on {tp} of {npred} matched figures ({p:.3f})")
                    continue
                print(f"{name:<10} {p:>9.3f} {r:>7.3f} {tp:>4} {npred:>5} {nexp:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
