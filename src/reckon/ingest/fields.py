"""Normalising single fields: sex, status, criminal-code articles, names and blanks.

Each normaliser either returns the stored value, ``None`` for "not known", or raises
:class:`FieldError` with a reason that names no person (it goes into the quarantine and onto the screen).
Value maps from a mapping file are consulted before the built-in vocabularies, so a team can teach
reckon its own codes without code changes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "FieldError", "BLANKS", "is_blank", "normalise_sex", "normalise_status", "split_articles",
    "split_initials", "compose_full_name", "clean_text", "key",
]


class FieldError(ValueError):
    """A value that cannot be stored as it stands; the row goes to quarantine with this reason."""


_SEPARATORS = re.compile(r"[._\-/\\\s]+")


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().lower().replace("ё", "е")
    return _SEPARATORS.sub(" ", text).strip()


def key(text: str) -> str:
    """Lower case, ё -> е, no dots or extra spaces: how vocabularies and headers are compared."""
    # Short values (codes, sexes, statuses) repeat across rows and are cached; long ones are not.
    return _key(text) if len(text) <= 40 else _key.__wrapped__(text)


# Values that mean "nobody wrote anything here".
BLANKS = frozenset(
    key(v) for v in (
        "", "-", "--", "—", "–", "?", "??", "n/a", "na", "none", "null", "nan", "unknown", "not known",
        "н/д", "нет данных", "неизвестно", "не известно", "не указан", "не указано", "невядома",
        "няма звестак",
    )
)


_BLANK_MAX = max(len(b) for b in BLANKS) + 2
_SPACES = re.compile(r"\s+")
# Fast pre-check: only text made of these characters can be a blank marker.
_BLANK_CHARS = frozenset("".join(BLANKS) + " ./-_\\" + "".join(BLANKS).upper())


def _blank_marker(s: str) -> bool:
    return len(s) <= _BLANK_MAX and s[0] in _BLANK_CHARS and s[-1] in _BLANK_CHARS and key(s) in BLANKS


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if type(value) is str:
        s = value.strip()
        return not s or _blank_marker(s)
    if isinstance(value, list | tuple | dict):
        return len(value) == 0
    return False


def clean_text(value: object) -> str | None:
    """Text as written, trimmed, with runs of whitespace collapsed; ``None`` when blank."""
    if type(value) is str:
        text = value.strip()
        if not text or _blank_marker(text):
            return None
        if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text:
            text = _SPACES.sub(" ", text)
        return text
    if is_blank(value):
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value if not is_blank(v))
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


_SEX = {
    "male": ("m", "male", "man", "men", "м", "муж", "мужской", "мужчина", "мужчына", "мужчынскі",
             "мужч", "муж пол", "мужской пол"),
    "female": ("f", "female", "woman", "women", "w", "ж", "жен", "женский", "женщина", "жанчына",
               "жаночы", "жанч", "жен пол", "женский пол"),
}
_SEX_MAP = {key(v): sex for sex, values in _SEX.items() for v in values}


def normalise_sex(value: object, value_map: dict[str, str] | None = None) -> str | None:
    """'м', 'ж', 'M', 'female', 'жаночы' ... -> "male" / "female"; blank -> None."""
    if is_blank(value):
        return None
    k = key(str(value))
    if value_map and k in value_map:
        mapped = value_map[k]
        return None if mapped in (None, "", "unknown") else mapped
    try:
        return _SEX_MAP[k]
    except KeyError:
        raise FieldError("sex value not recognised; add it to the mapping's values.sex") from None


_STATUS = {
    "in_custody": (
        "active", "in custody", "custody", "detained", "imprisoned", "in prison", "jailed", "arrested",
        "behind bars", "current", "political prisoner", "in detention", "under arrest",
        "политзаключенный", "политзаключенная", "политзэк", "палітвязень", "палітвязніца",
        "под стражей", "в заключении", "заключен", "заключена", "задержан", "задержана", "арестован",
        "арестована", "в сизо", "в колонии", "находится в заключении", "за решеткой", "отбывает наказание",
        "пад вартай", "за кратамі", "у зняволенні", "зняволены", "зняволеная", "затрыманы", "затрыманая",
        "арыштаваны", "арыштаваная", "адбывае пакаранне", "у калоніі", "у сiзо", "у сізо",
    ),
    "released": (
        "former", "released", "freed", "free", "released from custody", "served", "served sentence",
        "pardoned", "acquitted", "liberated", "at liberty", "was released",
        "освобожден", "освобождена", "освобождены", "на свободе", "вышел", "вышла", "помилован",
        "помилована", "отбыл наказание", "отбыла наказание", "бывший", "бывшая",
        "вызвалены", "вызваленая", "вызвалены з пад варты", "на волі", "вызвалілі", "памілаваны",
        "памілаваная", "былы", "былая",
    ),
    "persecuted": (
        "np", "persecuted", "prosecuted", "suspect", "accused", "charged", "convicted", "sentenced",
        "not in custody", "restricted freedom", "house arrest", "khimiya", "under investigation",
        "преследуется", "преследуемый", "обвиняемый", "обвиняемая", "подозреваемый", "осужден", "осуждена",
        "домашний арест", "химия", "ограничение свободы",
        "пераследуецца", "пераследаваны", "абвінавачаны", "абвінавачаная", "асуджаны", "асуджаная",
        "хатні арышт", "хімія", "абмежаванне волі",
    ),
    "deceased": (
        "died", "dead", "deceased", "killed", "died in custody", "death",
        "умер", "умерла", "погиб", "погибла", "скончался", "скончалась", "умер в заключении",
        "памёр", "памерла", "загінуў", "загінула", "памер", "памер у зняволенні",
    ),
    "wanted": (
        "wanted", "on the wanted list", "fugitive", "in absentia", "abroad",
        "в розыске", "розыск", "объявлен в розыск", "у вышуку", "вышук", "абвешчаны ў вышук",
    ),
    "unknown": ("unknown", "unclear", "неизвестно", "невядома", "статус неизвестен"),
}
_STATUS_MAP = {key(v): status for status, values in _STATUS.items() for v in values}
for _s in _STATUS:
    _STATUS_MAP[key(_s)] = _s


def normalise_status(value: object, value_map: dict[str, str] | None = None) -> str | None:
    """'active' / 'in custody' -> in_custody, 'former' -> released, 'np' -> persecuted, 'died' -> ..."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    k = key(str(value))
    if value_map and k in value_map:
        return value_map[k] or None
    try:
        return _STATUS_MAP[k]
    except KeyError:
        pass
    # "released on 2022-11-30", "died in custody (2021)": the leading words decide.
    words = k.split()
    for n in range(min(len(words), 4), 0, -1):
        status = _STATUS_MAP.get(" ".join(words[:n]))
        if status:
            return status
    if k in BLANKS:
        return None
    raise FieldError("status value not recognised; add it to the mapping's values.status")


# --- articles -------------------------------------------------------------------------------------

_OPEN = {'"': '"', "«": "»", "(": ")", "[": "]", "„": "“", "“": "”"}
# A piece "names an article" when it holds a marker word with a number, a dotted code (23.34) or a
# number of three digits (342); a piece like "ч. 2" alone belongs to the article after it.
_ARTICLE_MARK = re.compile(
    r"(\d+\.\d+)|(\d{3})|((art|article|ст|стат|арт|артыкул|статья|статьи|статьей|§)\w*\.?\s*\d)",
    re.IGNORECASE,
)
# " – «description»" or " — participation in riots" after the article reference.
_DESCRIPTION = re.compile(r"\s+[–—-]\s+.*$|\s*[«\"“„].*$", re.DOTALL)


def _split_outside_quotes(text: str, seps: str) -> list[str]:
    pieces: list[str] = []
    buf: list[str] = []
    stack: list[str] = []
    for ch in text:
        if stack and ch == stack[-1]:
            stack.pop()
        elif ch in _OPEN and not (ch == '"' and stack and stack[-1] == '"'):
            stack.append(_OPEN[ch])
        elif ch in seps and not stack:
            pieces.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    pieces.append("".join(buf))
    return pieces


@lru_cache(maxsize=16384)
def _split_articles(text: str, delimiters: str, keep_description: bool) -> tuple[str, ...]:
    items: list[str] = []
    for part in _split_outside_quotes(text, delimiters):
        pieces = _split_outside_quotes(part, ",") if "," not in delimiters else [part]
        merged: list[str] = []
        carry = ""
        for piece in pieces:
            piece = (carry + "," + piece) if carry else piece
            if _ARTICLE_MARK.search(_DESCRIPTION.sub("", piece) or piece):
                merged.append(piece)
                carry = ""
            else:
                carry = piece
        if carry:
            if merged and not carry.strip():
                pass
            elif merged and not _ARTICLE_MARK.search(carry):
                merged[-1] = merged[-1] + "," + carry
            else:
                merged.append(carry)
        items.extend(merged)
    out: list[str] = []
    for item in items:
        item = re.sub(r"\s+", " ", item).strip(" \t,;")
        if not keep_description:
            short = _DESCRIPTION.sub("", item).strip(" ,;")
            item = short or item
        if item and key(item) not in BLANKS:
            out.append(item)
    return tuple(out)


def split_articles(value: object, delimiters: str = "|;\n", keep_description: bool = False) -> list[str]:
    """"Part 2 of Art. 293 | Art. 342" -> ["Part 2 of Art. 293", "Art. 342"].

    Splits on ``delimiters`` (default ``|``, ``;`` and new lines) and on commas that stand between two
    article references, never inside quotes, «guillemets» or brackets. The description after a dash or in
    quotes ("23.34 ч.1 КаАП – «...»") is dropped unless ``keep_description``; the raw row keeps it.
    A list (from JSON) is split item by item.
    """
    if value is None:
        return []
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            out.extend(split_articles(item, delimiters, keep_description))
        return out
    text = str(value).strip()
    if not text:
        return []
    return list(_split_articles(text, delimiters, keep_description))


# --- names ----------------------------------------------------------------------------------------

_INITIALS = r"(?:[^\W\d_]{1,2}\.\s*){1,3}"
_RE_SURNAME_INITIALS = re.compile(rf"^([^\W\d_][^\s.,]+)\s+({_INITIALS})$")
_RE_INITIALS_SURNAME = re.compile(rf"^({_INITIALS})\s*([^\W\d_][^\s.,]+)$")


def split_initials(full_name: str) -> tuple[str, str] | None:
    """"Соц С.В." or "С.В. Соц" -> ("Соц", "С.В."); anything else -> None (left to the names stage)."""
    text = full_name.strip()
    m = _RE_SURNAME_INITIALS.match(text)
    if m:
        return m[1], re.sub(r"\s+", "", m[2])
    m = _RE_INITIALS_SURNAME.match(text)
    if m:
        return m[2], re.sub(r"\s+", "", m[1])
    return None


def compose_full_name(surname: str | None, given: str | None, patronymic: str | None,
                      initials: str | None = None) -> str | None:
    """Parts -> one name in register order (surname, given name, patronymic), as lists print them."""
    parts = [p for p in (surname, given, patronymic) if p]
    if initials and not given:
        parts.append(initials)
    return " ".join(parts) or None
