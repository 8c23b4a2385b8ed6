"""The name columns of one record for linkage: the keys of :func:`reckon.names.keys`, the patronymic's
Latin form and the coarse head skeletons of surname and patronymic.

Why a module of its own: linkage compares columns (Splink), and wants per name string one flat row of
plain strings or None, read with one repair to the first reading (:func:`linkage_reading`). The keys are
the names library's; the skeletons are a second, coarser opinion (:func:`reckon.names.coarse.head_skeleton`)
whose worth the model learns.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reckon.names._memo import memo
from reckon.names.coarse import given_head_skeleton, head_skeleton
from reckon.names.keys import keys as name_keys
from reckon.names.parse import ParsedName, parse
from reckon.names.translit import romanize

__all__ = ["LinkKeys", "backend", "link_columns", "link_keys", "linkage_reading", "skeleton_keys"]


def backend() -> str:
    """Which name keys a link run was trained on, stamped on its settings."""
    return "reckon.names"


@dataclass(frozen=True)
class LinkKeys:
    surname_key: str | None = None
    given_key: str | None = None
    patronymic_key: str | None = None
    initials: str | None = None
    surname_latn: str | None = None
    given_latn: str | None = None
    sex_hint: str | None = None
    patronymic_latn: str | None = None


def linkage_reading(name: str) -> ParsedName | None:
    """The first reading of a name, with one repair: "Given Surname-vich" is not "Surname Patronymic".

    Belarusian surnames often end like patronymics (Сцяпуравіч, Zhybulevich); a two-word name with a
    surname and a patronymic but no given name is read as given name + surname instead. None when the
    text has no reading (no letters, too long).
    """
    parsed = parse(name)
    if not parsed:
        return None
    p = parsed[0]
    if p.surname and p.patronymic and not p.given and not p.extra and len(name.split()) == 2:
        return dataclasses.replace(p, given=p.surname, surname=p.patronymic, patronymic="", initials="")
    return p


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


_NO_KEYS = (LinkKeys(), (None, None))


@memo(500_000)
def link_columns(name: str) -> tuple[LinkKeys, tuple[str | None, str | None]]:
    """The keys and the head skeletons of one name string, from one reading (cached by the string).

    One function for both, so that a name is parsed once: linkage asks for both of every distinct name,
    and parsing is most of the cost of preparing a list for linkage.
    """
    reading = linkage_reading(name)
    if reading is None:
        return _NO_KEYS
    k = name_keys(reading)
    surname, patr = reading.surname, reading.patronymic
    keys = LinkKeys(surname_key=_clean(k.surname_key), given_key=_clean(k.given_key),
                    patronymic_key=_clean(k.patronymic_key), initials=_clean(k.initials),
                    surname_latn=_clean(k.surname_latn), given_latn=_clean(k.given_latn),
                    sex_hint=_clean(k.sex_hint), patronymic_latn=_token_latin(patr) if patr else None)
    return keys, (head_skeleton(surname) or None if surname else None,
                  given_head_skeleton(patr) or None if patr else None)


@memo(200_000)
def _token_latin(token: str) -> str | None:
    return _clean(romanize(token, "ascii").lower())


def link_keys(name: str) -> LinkKeys:
    """Keys of one name string (cached by the string)."""
    return link_columns(name)[0]


def skeleton_keys(name: str) -> tuple[str | None, str | None]:
    """The head skeletons of surname and patronymic (None for a part the name lacks).

    They forgive what the finer keys keep apart (Паўлавіч / Pavlovich, -аў / -ov / -ou endings); the model
    learns how much an agreement on them is worth.
    """
    return link_columns(name)[1]
