"""Linkage: from records to persons, with Splink 5 and a human in the loop.

Grouped like Splink's linker, by stage:

* features — :func:`reckon.link.features.prepare` (name keys from :mod:`reckon.names`, date parts ...)
* settings — :mod:`reckon.link.settings` (comparisons and blocking rules from the fields present)
* training and scoring — :mod:`reckon.link.engine` (DuckDB or Spark; blocking safety first)
* clustering — :mod:`reckon.link.cluster` (connected components / one-to-one, decisions as constraints)
* service — :func:`run_link`, :func:`review_queue`, :func:`next_review_item`, :func:`decide`,
  :func:`explain`, :func:`persons`, :func:`export_links` (what the CLI and web app call)
"""

from reckon.link.persons import LINK_COLUMNS, PERSON_COLUMNS, export_links, persons
from reckon.link.review import conflicts, decide, decisions, explain, next_review_item, review_queue
from reckon.link.service import DEFAULT_THRESHOLD, LinkResult, NothingToLink, run_link

__all__ = [
    "DEFAULT_THRESHOLD", "LINK_COLUMNS", "PERSON_COLUMNS", "LinkResult", "NothingToLink", "conflicts", "decide", "decisions",
    "explain", "export_links", "next_review_item", "persons", "review_queue", "run_link",
]
