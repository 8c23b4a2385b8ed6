"""Synthetic worlds with known histories: detentions, verdicts, releases, recognitions, deaths, admin cases.

Why: a count "as of a date" can only be judged against a truth nobody has for real registers. Here every
person has dated events drawn from one seeded generator, and three lists report them the way documenters
do: a political-prisoner register (English, Viasna's shape, recognition dates sometimes only a month or a
year), a partner's list of criminal cases (Russian, detention dates sometimes partial or a few weeks off:
a conflict between sources) and an administrative-case list (Belarusian, arrests in days and fines).

The world answers two questions for any date and state: the *true* state of each person, and the state
the published lists determine under the rules of docs/histories.md (True, False, or None when it depends
on a partial or disputed date). The second is computed here from the world's own facts by brute force over
every reading of the uncertain dates, not by reckon.histories, so the two can be compared.
Names are rendered by :mod:`reckon.simulate.world`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from reckon.simulate.names_data import SURNAMES
from reckon.simulate.world import STYLES, _people, _render_name, write_lists

__all__ = ["HistoryWorld", "simulate_histories", "LIST_DATE"]

LIST_DATE = date(2024, 6, 30)
_PP, _PARTNER, _ADMIN = (next(s for s in STYLES if s.name == n) for n in ("viasna", "partner", "court"))
_ADMIN_STYLE = type(_ADMIN)("admin", "be", None, "surname_initials", "iso", "cyr", {}, 0.8)
_COURTS = ("Менск, Першамайскі", "Менск, Партызанскі", "Гародня", "Магілёў", "Берасце", "Віцебск", "Гомель")
# Judges are synthetic: common surnames from the simulator's own pool, with made-up initials.
_JUDGES = tuple(f"{be} {init}" for (be, _ru), init in zip(SURNAMES[-4:], ("А.Д.", "Л.", "", "І.С."), strict=True))
_JUDGES = tuple(j.strip() for j in _JUDGES)


def _plus(start: date, years: int = 0, months: int = 0, days: int = 0) -> date:
    """Calendar arithmetic as a court counts a term: years and months by the calendar, then days."""
    m = start.month - 1 + months
    y = start.year + years + m // 12
    m = m % 12 + 1
    return date(y, m, min(start.day, calendar.monthrange(y, m)[1])) + timedelta(days=days)


def _range(text: str) -> tuple[date, date]:
    """First and last day of a partial ISO date as this world writes it."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    d = date(*parts)
    return d, d


@dataclass
class Case:
    kind: str                      # "criminal" | "admin"
    detained: date
    verdict: date
    years: int = 0
    months: int = 0
    days: int = 0                  # admin arrest in days
    fine: int = 0                  # admin fine in base units
    released: date | None = None   # true first day free (None: still held on the list date)
    how: str = ""
    died: bool = False
    recognised: date | None = None


@dataclass
class HistoryWorld:
    seed: int
    list_date: date
    people: list[dict[str, Any]] = field(repr=False)
    cases: dict[int, list[Case]] = field(repr=False)
    lists: dict[str, list[dict[str, str]]] = field(repr=False)
    columns: dict[str, list[str]] = field(repr=False)
    truth: dict[tuple[str, str], int] = field(repr=False)
    # What the lists say per person: dates as published (partial, conflicting), for the documented state.
    reported: dict[int, dict[str, Any]] = field(repr=False)

    def write_csvs(self, folder: Path) -> dict[str, Path]:
        return write_lists(self.lists, self.columns, folder)

    # -------------------------------------------------------------- the truth

    def true_state(self, pid: int, state: str, on: date) -> bool:
        cases = self.cases.get(pid, [])

        def held(c: Case) -> bool:
            return c.detained <= on and (c.released is None or on < c.released)

        if state == "in_custody":
            return any(held(c) for c in cases)
        if state == "political_prisoner":
            rec = [c.recognised for c in cases if c.recognised]
            return any(held(c) and c.kind == "criminal" for c in cases) and bool(rec) and min(rec) <= on
        if state == "persecuted":
            return any(c.detained <= on for c in cases)
        if state == "released":
            return any(c.released and c.released <= on for c in cases) and not any(held(c) for c in cases)
        raise ValueError(state)

    def true_count(self, state: str, on: date) -> int:
        return sum(self.true_state(p["person_id"], state, on) for p in self.people)

    # -------------------------------------------------------------- what the lists determine

    def documented_state(self, pid: int, state: str, on: date) -> bool | None:
        """The state the lists determine on ``on``: None when it differs across readings of uncertain dates."""
        rep = self.reported.get(pid)
        if rep is None:
            return False
        outcomes = {self._state_under(rep, state, on, choice) for choice in self._readings(rep)}
        return outcomes.pop() if len(outcomes) == 1 else None

    def documented_count(self, state: str, on: date) -> tuple[int, set[int]]:
        """(persons whose documented state is surely true, persons whose state is undetermined)."""
        sure, undetermined = 0, set()
        for pid in self.reported:
            s = self.documented_state(pid, state, on)
            if s is None:
                undetermined.add(pid)
            elif s:
                sure += 1
        return sure, undetermined

    def _readings(self, rep: dict[str, Any]):
        """Every day the criminal detention can be, with the release it implies and the recognition's ends.

        With no release published, the release is the end of the term from that detention day, narrowed by
        the register's status on the list date: "active" means still held then, "former" free by then
        (on some day after the detention).
        """
        det = rep.get("det")
        det_days = [det[0] + timedelta(days=i) for i in range((det[1] - det[0]).days + 1)] if det else [None]
        recs = [rep["rec"][0], rep["rec"][1]] if rep.get("rec") else [None]
        for d in det_days:
            if rep.get("rel"):
                rels = list(rep["rel"])
            elif d is None or not rep.get("term"):
                rels = [None]
            else:
                end = _plus(d, *rep["term"])
                status = rep.get("status")
                if status == "held" and end <= self.list_date:
                    rels = [None]
                elif status == "free" and end > self.list_date:
                    rels = [d + timedelta(days=1), self.list_date]
                else:
                    rels = [end]
            for r in rels:
                for g in recs:
                    yield d, r, g

    @staticmethod
    def _state_under(rep: dict[str, Any], state: str, on: date, choice) -> bool:
        det, rel, rec = choice
        spans = []   # (start, first free day or None, criminal?)
        if det is not None:
            spans.append((det, rel, True))
        spans.extend((a, b, False) for a, b in rep.get("admin", []))

        def held(s) -> bool:
            return s[0] <= on and (s[1] is None or on < s[1])

        if state == "in_custody":
            return any(held(s) for s in spans)
        if state == "political_prisoner":
            return rec is not None and rec <= on and any(held(s) and s[2] for s in spans)
        if state == "persecuted":
            return any(s[0] <= on for s in spans)
        if state == "released":
            return any(s[1] is not None and s[1] <= on for s in spans) and not any(held(s) for s in spans)
        raise ValueError(state)


def _partial(rng: np.random.Generator, d: date, p_month: float, p_year: float) -> str:
    u = rng.random()
    if u < p_year:
        return f"{d.year}"
    if u < p_year + p_month:
        return f"{d.year}-{d.month:02d}"
    return d.isoformat()


def _ru(text: str) -> str:
    """A partial ISO date as a Russian list writes it (dd.mm.yyyy, mm.yyyy, yyyy)."""
    parts = text.split("-")
    return ".".join(reversed(parts))


def simulate_histories(*, seed: int, n_people: int = 400, list_date: date = LIST_DATE, p_partial: float = 0.15,
                       p_conflict: float = 0.08) -> HistoryWorld:
    """Draw people with histories and the three lists that report them (same seed, same world)."""
    rng = np.random.default_rng(seed)
    people = _people(rng, n_people)
    cases: dict[int, list[Case]] = {}
    for p in people:
        pid, out = p["person_id"], []
        for _ in range(int(rng.choice([0, 1, 2], p=[0.45, 0.4, 0.15]))):
            det = date(2020, 8, 9) + timedelta(days=int(rng.integers(0, 900)))
            court = det + timedelta(days=int(rng.integers(0, 4)))
            if rng.random() < 0.5:
                out.append(Case("admin", det, court, days=int(rng.choice([10, 13, 15, 25, 30])),
                                released=det + timedelta(days=0)))
                out[-1].released = det + timedelta(days=out[-1].days)
            else:
                out.append(Case("admin", det, court, fine=int(rng.choice([5, 10, 20, 30])), released=court))
        if rng.random() < 0.55:
            det = date(2020, 8, 9) + timedelta(days=int(rng.integers(0, 1200)))
            c = Case("criminal", det, det + timedelta(days=int(rng.integers(60, 400))),
                     years=int(rng.integers(1, 9)), months=int(rng.choice([0, 0, 6])))
            end = _plus(det, c.years, c.months)
            u = rng.random()
            if u < 0.08:
                c.released, c.how = c.verdict, "restricted freedom"
            elif u < 0.2:
                c.released = c.verdict + timedelta(days=int(rng.integers(30, max(31, (end - c.verdict).days))))
                c.how = "pardon"
            elif u < 0.23:
                c.released = c.verdict + timedelta(days=int(rng.integers(30, max(31, (end - c.verdict).days))))
                c.how, c.died = "death in custody", True
            else:
                c.released, c.how = end, "end of term"
            if c.released > list_date:
                c.released, c.how, c.died = (None, "", False) if c.how != "end of term" else (end, c.how, False)
            if rng.random() < 0.85:
                c.recognised = det + timedelta(days=int(rng.integers(10, 200)))
                if c.recognised > list_date:
                    c.recognised = None
            out.append(c)
        if out:
            cases[pid] = out

    lists: dict[str, list[dict[str, str]]] = {"pp_register": [], "partner": [], "admin_cases": []}
    truth: dict[tuple[str, str], int] = {}
    reported: dict[int, dict[str, Any]] = {}
    for p in people:
        pid = p["person_id"]
        for c in cases.get(pid, []):
            rep = reported.setdefault(pid, {"admin": []})
            if c.kind == "admin":
                if rng.random() >= 0.8 or c.detained > list_date:
                    continue
                row_id = f"AD-{len(lists['admin_cases']) + 1:06d}"
                lists["admin_cases"].append({
                    "id": row_id, "event_date": c.detained.isoformat(),
                    "full_name": _render_name(p, _ADMIN_STYLE, rng, 0.0), "sex": "м" if p["sex"] == "male" else "ж",
                    "article": "23.34 ч.1 КаАП", "court_date": c.verdict.isoformat(),
                    "judge": _JUDGES[int(rng.integers(0, len(_JUDGES)))],
                    "court": _COURTS[int(rng.integers(0, len(_COURTS)))],
                    "arrest": f"{c.days} сут." if c.days else "",
                    "fine": f"{c.fine} б.в. {c.fine * 29},00 руб." if c.fine else ""})
                truth[("admin_cases", row_id)] = pid
                rep["admin"].append((c.detained, c.released))
                continue
            if c.detained > list_date:
                continue
            dates: list[str] = []   # detention dates as published
            rel_text = c.released.isoformat() if c.released and c.released <= list_date and c.how != "end of term" else ""
            recognised = c.recognised
            on_pp = recognised is not None and rng.random() < 0.9
            if on_pp and recognised is not None:
                row_id = f"PP-{len(lists['pp_register']) + 1:06d}"
                rec_text = _partial(rng, recognised, p_partial, p_partial / 4)
                held_now = c.released is None or c.released > list_date
                lists["pp_register"].append({
                    "id": row_id, "name": _render_name(p, _PP, rng, 0.0), "gender": p["sex"],
                    "birthday": p["birth_date"].isoformat(), "arrested": c.detained.isoformat(),
                    "articles": " | ".join(p["articles"]), "decision": f"{c.years} years" + (" 6 months" if c.months else ""),
                    "penalty": "imprisonment in a general-security penal colony",
                    "verdict_date": c.verdict.isoformat() if c.verdict <= list_date else "",
                    "release_date": "" if c.died else rel_text, "release reason": c.how if rel_text else "",
                    "date of death": c.released.isoformat() if c.died and c.released else "",
                    "status": "died" if c.died else ("active" if held_now else "former"),
                    "recognition_date": rec_text, "declaration": f"https://example.org/declaration/{row_id}"})
                truth[("pp_register", row_id)] = pid
                dates.append(c.detained.isoformat())
                rep["rec"] = _range(rec_text)
                rep["status"] = "held" if held_now and not c.died else "free"
            if rng.random() < 0.6:
                row_id = f"PA-{len(lists['partner']) + 1:06d}"
                u = rng.random()
                if u < p_partial:
                    det_text = _partial(rng, c.detained, 0.8, 0.2)
                elif u < p_partial + p_conflict and on_pp:
                    det_text = (c.detained + timedelta(days=int(rng.integers(5, 40)))).isoformat()
                else:
                    det_text = c.detained.isoformat()
                lists["partner"].append({
                    "№": row_id, "ФИО": _render_name(p, _PARTNER, rng, 0.0), "Пол": "м" if p["sex"] == "male" else "ж",
                    "Дата рождения": p["birth_date"].strftime("%d.%m.%Y"), "Дата задержания": _ru(det_text),
                    "Статья": ", ".join(f"ст. {a.split('Art. ')[1]} УК" for a in p["articles"]),
                    "Приговор": f"{c.years} лет" + (" 6 месяцев" if c.months else "") + " колонии общего режима",
                    "Дата освобождения": _ru(rel_text) if rel_text else ""})
                truth[("partner", row_id)] = pid
                dates.append(det_text)
            if not dates:
                continue
            rep["det"] = _merged(dates)
            rep["term"] = (c.years, c.months, 0)
            if c.released and c.released <= list_date and (c.how != "end of term"):
                rep["rel"] = (c.released, c.released)
    reported = {pid: r for pid, r in reported.items() if r.get("det") or r["admin"]}
    columns = {name: list(rows[0].keys()) if rows else [] for name, rows in lists.items()}
    return HistoryWorld(seed, list_date, people, cases, lists, columns, truth, reported)


def _merged(texts: list[str]) -> tuple[date, date]:
    """The documented rule for several sources' dates: the finest when compatible, else the span of all."""
    finest = max(texts, key=len)
    if all(finest.startswith(t) for t in texts):
        return _range(finest)
    ranges = [_range(t) for t in texts]
    return min(r[0] for r in ranges), max(r[1] for r in ranges)
