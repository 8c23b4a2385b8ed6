"""Build step only: the given-name forms tied to a head, for ``data/given_heads.json`` (``forms``).

Why: parsing must tell a given name from a new surname for every two-word name whose order is in doubt,
and rigour's corpus answers a new Cyrillic word in ~100-300 µs. Its corpus cannot be listed, so the
build asks it about every plausible form once and keeps those it ties to a head:

- the given names of every Faker locale (Russian, Ukrainian, Polish, Lithuanian, ... as written there);
- Belarusian spellings of the Cyrillic ones, made by the regular correspondences (и → і/ы, щ → шч,
  soft т/д → ц/дз (Дзмітрый), е/ы after р ж ш ч ц, в → ў after a vowel, о → а in any subset of positions, -ий → -ы,
  -ій, -і, -ь; е- → я-; a prothetic в/г), which the corpus confirms or not;
- the romanisations of all those in every scheme of ``translit``.

Faker is needed here only (``python -m reckon.names.given``); nothing is fetched from the network.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
from collections.abc import Callable, Iterable

from reckon.names.script import has_cyrillic

_MAX_O = 4  # о → а in every subset of at most this many о's (2**4 variants)


def faker_given_names() -> set[str]:
    """Every given name of every Faker person locale (male, female, neutral lists)."""
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            value = vars(provider).get(attr)
            if isinstance(value, (list, tuple, dict)):
                names.update(v for v in value if isinstance(v, str) and " " not in v.strip())
    return {n.strip() for n in names if n.strip()}


def belarusian_spellings(name: str) -> set[str]:
    """Belarusian spellings a Russian/Ukrainian Cyrillic given name may take (candidates to confirm)."""
    s = name.lower().replace("щ", "шч").replace("ъ", "'").replace("ї", "і").replace("є", "е")
    s = re.sub(r"(?<=[жшчцр])и", "ы", s).replace("и", "і")
    s = re.sub(r"(?<=[жшчцр])е", "э", s)
    s = re.sub(r"р[ь]", "р", s)
    s = s.replace("ря", "ра").replace("рю", "ру").replace("рё", "ро")
    s = re.sub(r"т(?=[бвгдзклмнпрсфхцчш]?[ьіеёюя])", "ц", s)  # soft т/д, also before a soft consonant
    s = re.sub(r"д(?=[бвгдзклмнпрсфхцчш]?[ьіеёюя])", "дз", s)
    s = re.sub(r"(?<=[аеёіоуыэюя])в(?=[бвгджзклмнпрстфхцчш]|$)", "ў", s)
    bases = {s}
    if s.endswith("ій"):
        bases |= {s[:-2] + end for end in ("ый", "ы", "і", "ь")}
    elif s.endswith("ый"):
        bases.add(s[:-1])
    if s.startswith("е"):
        bases |= {"я" + b[1:] for b in bases}
    if s[:1] in ("о", "у", "а"):  # prothetic в/г before an initial vowel (Вольга, Вусцін, Ганна)
        bases |= {("г" if b[0] == "а" else "в") + b for b in bases}
    out: set[str] = set()
    for base in bases:
        pos = [i for i, c in enumerate(base) if c == "о"][:_MAX_O]
        for k in range(len(pos) + 1):
            for subset in itertools.combinations(pos, k):
                chars = list(base)
                for i in subset:
                    chars[i] = "а"
                out.add("".join(chars))
    out.discard(name.lower())
    return out


def candidates(names: Iterable[str]) -> set[str]:
    """The names, Belarusian spellings of the Cyrillic ones, and romanisations of both (lower case)."""
    from reckon.names.translit import SCHEMES, romanize

    out: set[str] = set()
    for name in names:
        low = name.lower()
        out.add(low)
        if not has_cyrillic(low):
            continue
        for form in (low, *belarusian_spellings(low)):
            out.add(form)
            for scheme in SCHEMES:
                out.add(romanize(form, scheme).lower())
    return {c for c in out if c and " " not in c and len(c) <= 40}


def known_forms(classify: Callable[[str], str | None]) -> dict[str, str]:
    """Every candidate form that ``classify`` (the corpus lookup) ties to a head: form -> head key."""
    forms: dict[str, str] = {}
    for form in sorted(candidates(faker_given_names())):
        head = classify(form)
        if head is not None:
            forms[form] = head
    return forms
