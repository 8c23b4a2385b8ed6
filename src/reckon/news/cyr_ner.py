"""Named persons and organisations in Russian and Belarusian sentences, by natasha's news NER.

Why a model here: the speaker of a quotation is the one part of a Cyrillic article that hand rules kept
missing on unseen text (each batch brought a new way to write "who said it": "Правозащитный центр
«Весна»: «…»", "— отмечают в «Мемориале»", "— отмечается в Telegram-канале ведомства" after the
prosecutor's office was named). A named-entity model finds the person or organisation in the words around
a quotation however they are written, and its morphology brings an inflected name back to the nominative
("в «Мемориале»" -> "Мемориал").

natasha (with slovnet and navec) ships its weights inside the PyPI packages, so nothing is downloaded at
run time. The models are loaded once, lazily, on the first quotation the rules left without a speaker
(about 1.5 s of CPU), and only the sentence around that quotation is tagged, so articles whose quotations
the rules resolve pay nothing. The models are trained on Russian news; on Belarusian they still find most
full names and organisations (measured on the development batches, see docs/news.md). Without natasha
installed every function here answers "nothing found" and the rules work alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Entity:
    """A person (PER) or organisation (ORG) span: its text as written and its nominative form."""

    kind: str
    text: str
    normal: str
    start: int
    stop: int


@lru_cache(maxsize=1)
def _models() -> tuple[Any, ...] | None:
    """natasha's segmenter, NER and morphology models, loaded once; None when natasha is not installed."""
    try:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:  # pragma: no cover - natasha is a declared dependency
        return None
    from threadpoolctl import ThreadpoolController

    emb = NewsEmbedding()
    return Segmenter(), NewsNERTagger(emb), NewsMorphTagger(emb), MorphVocab(), ThreadpoolController()


@lru_cache(maxsize=2048)
def entities(text: str) -> tuple[Entity, ...]:
    """Persons and organisations in ``text`` (a sentence or two), in order, with their nominative forms."""
    models = _models()
    if models is None or not text.strip():
        return ()
    from natasha import Doc

    segmenter, ner, morph, vocab, blas = models
    doc = Doc(text)
    doc.segment(segmenter)
    with blas.limit(limits=1, user_api="blas"):
        # one sentence is a handful of small matrix products: OpenBLAS's worker threads would spin for
        # them on every core, and cost more CPU than the products themselves (3x the whole extraction)
        doc.tag_ner(ner)
        if not doc.spans:
            return ()
        doc.tag_morph(morph)
    out = []
    for span in doc.spans:
        if span.type not in ("PER", "ORG"):
            continue
        span.normalize(vocab)
        text = span.text.strip(" «»\"“”„")
        normal = (span.normal or span.text).strip(" «»\"“”„")
        if span.type == "PER":
            # "Сярод іншага Ціханоўская": a sentence's opening words taken into a Belarusian name
            text, normal = _capitalised_tail(text), _capitalised_tail(normal)
        out.append(Entity(span.type, text, normal, span.start, span.stop))
    return tuple(out)


def _capitalised_tail(name: str) -> str:
    """The capitalised words that end ``name``: "Сярод іншага Ціханоўская" -> "Ціханоўская"."""
    words = name.split()
    keep: list[str] = []
    for w in reversed(words):
        if not w[:1].isupper():
            break
        keep.append(w)
    return " ".join(reversed(keep)) or name


_SPEECH_CUE = re.compile(
    r"(?:заяв|сказа|сообщ|паведам|отмеча|адзнача|подчерк|падкрэсл|добав|дада|пиш|піш|напіса|написа|"
    r"рассказ|расказ|распав|говор|гавар|кажа|цитир|цытуе|ответ|адказ|объясн|тлумач|уточн|удакладн|"
    r"призва|заклік|выступ|коммент|камент|нагад|напомн|звярну|обрати|зварот|обращ)\w*", re.IGNORECASE)
# words that name a medium or a news agency: who passes words on, not who said them
_MEDIUM = re.compile(r"^(?:ТАСС|РИА|Интерфакс|Reuters|Рейтер|BBC|Би-би-си|Bloomberg|Блумберг|Радио|Радыё|"
                     r"Еўрарадыё|Белсат|Белта|БелТА|Telegram|Телеграм|Facebook|Фэйсбук|Фейсбук)", re.IGNORECASE)


# the model takes a Belarusian pronoun ("Яна нагадала") for a name now and then
_PRONOUN = re.compile(r"^(?:он|она|они|ён|яна|яны|оно|яно)$", re.IGNORECASE)


def _best(found: tuple[Entity, ...] | list[Entity], *, last: bool) -> str | None:
    """The speaker among entities: a person before an organisation, media and agencies left out."""
    kept = [e for e in found if not _MEDIUM.match(e.text) and len(e.normal) >= 3 and not _PRONOUN.match(e.text)]
    if not kept:
        return None
    people = [e for e in kept if e.kind == "PER"]
    # the one who speaks is the subject, named in the nominative: "Святлана Ціханоўская звярнулася да
    # … Уладзіміра Зяленскага" is Ціханоўская's address, not Zelensky's
    subjects = [e for e in people if e.text == e.normal]
    if subjects or people:
        return (subjects or people)[0].normal  # the subject comes first, or right after the verb it governs
    return (kept[-1] if last else kept[0]).normal


def speaker_before_colon(clause: str) -> str | None:
    """The speaker in the words that open a quotation with a colon: "Правозащитный центр «Весна»: «…»"."""
    if not clause.rstrip().endswith(":"):
        return None
    return _best(entities(clause.rstrip()[:-1][-200:]), last=True)


def speaker_in_context(context: str) -> str | None:
    """The person or organisation that spoke in the sentences just before a quotation.

    Used when the words after a quotation say only that something was said ("— отмечается в
    Telegram-канале ведомства"): the speaker is the subject of the last sentence before it that
    has a speech verb ("Об этом сообщила Генеральная прокуратура Белоруссии.")."""
    sentences = [s for s in re.split(r"(?<=[.!?…])\s+", context.strip()) if s]
    tried = 0
    for sentence in reversed(sentences):
        if _SPEECH_CUE.search(sentence) and tried < 3:
            tried += 1
            found = _best(entities(sentence), last=True)
            if found:
                return found
    return None


def nominative(speaker: str, sentence: str) -> str:
    """``speaker`` as an entity of ``sentence`` names it in the nominative ("в «Мемориале»" -> "Мемориал")."""
    core = re.sub(r"^(?:(?:в|во|у|ў|на)\s+)?[«\"“„]?|[»\"”“]$", "", speaker.strip(), flags=re.IGNORECASE)
    if " " in core or not core or core not in sentence:
        return speaker
    for e in entities(sentence):
        if e.text == core and e.normal != e.text and e.normal[:3].lower() == e.text[:3].lower():
            return e.normal
    return speaker
