"""Legal facts as lists write them, made into data: criminal and administrative code articles, sentences.

Pure library (no database, no printing). ``parse_articles`` turns "ч. 1 ст. 342 УК", "Part 1 of Art. 342"
and "арт. 342 ч. 1 КК" into one :class:`Article` of Belarus's Criminal Code; ``parse_sentence`` turns
"4 1/2 years" + "imprisonment in a medium-security penal colony", "15 сут." or "20 б.в. 540,00 руб." into a
:class:`Sentence` with a kind and a term.
"""

from reckon.law.articles import Article, ArticleReading, parse_articles
from reckon.law.labels import label
from reckon.law.sentences import KINDS, REGIMES, Sentence, parse_sentence

__all__ = ["Article", "ArticleReading", "parse_articles", "label", "Sentence", "parse_sentence", "KINDS",
           "REGIMES"]
