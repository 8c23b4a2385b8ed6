"""A crowded detention day is weak evidence (issue 19, item 4).

On Viasna's admin-cases list linked with the political-prisoners list (both read in place) "Байда Аляксандр" and "Байбак Аляксандр", detained on
8 November 2020 with 55 others of the sample, were linked at p=0.907 on surnames two edits apart and the
same day. The day's agreement is now weighed by how many records share it (link.frequency).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from conftest import shared_path
from reckon.link import frequency


def _frame(days: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"unique_id": np.arange(len(days), dtype=np.int64),
                         "detention_days": pd.array(days, dtype="Int64")})


def _pairs(pairs: list[tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame({"record_a": [a for a, _ in pairs], "record_b": [b for _, b in pairs],
                         "match_weight": [3.0] * len(pairs), "match_probability": [0.89] * len(pairs),
                         "mw_detention_date": [2.0] * len(pairs)})


def test_a_crowded_day_weighs_less_and_a_quiet_day_more() -> None:
    crowded, quiet = 18574, 18500  # 8 November 2020 and a day in August
    days = [crowded] * 60 + [quiet] * 2 + list(range(18000, 18040))
    out = frequency.adjust(_pairs([(0, 1), (60, 61), (62, 63)]), _frame(days))
    bits = out["mw_detention_date_frequency"].tolist()
    assert bits[0] < -0.5 < 0 < bits[1]
    assert bits[2] == 0  # different days: nothing to adjust
    assert out["match_probability"].iloc[0] < 0.89 < out["match_probability"].iloc[1]


@given(st.lists(st.integers(18000, 18010), min_size=2, max_size=60))
def test_the_adjustment_is_bounded_and_only_on_agreement(days: list[int]) -> None:
    pairs = [(i, i + 1) for i in range(len(days) - 1)]
    out = frequency.adjust(_pairs(pairs), _frame(days))
    if "mw_detention_date_frequency" not in out:
        return
    bits = out["mw_detention_date_frequency"].to_numpy()
    assert np.all(np.abs(bits) <= frequency.MAX_BITS)
    assert all(b == 0 for (a, c), b in zip(pairs, bits, strict=True) if days[a] != days[c])


def test_same_day_and_near_surname_no_longer_links_on_the_real_list(tmp_path) -> None:
    from reckon.config import init_workspace
    from reckon.ingest import import_file
    from reckon.link import run_link
    from reckon.store.db import dispose_engines, session_scope
    from reckon.store.link_queries import current_persons_of, link_rows, load_records

    ws = init_workspace(tmp_path / "ws")
    try:
        import_file(ws, shared_path("eval", "lists", "viasna_admin_cases_2020_sample.csv"), "viasna_admin")
        import_file(ws, shared_path("eval", "lists", "viasna_political_prisoners_sample.csv"), "viasna_pp")
        run_link(ws)
        with session_scope(ws.database_url) as s:
            ids = {r["full_name"]: r["id"] for r in load_records(s)}
            persons = current_persons_of(s, [ids["Байда Аляксандр"], ids["Байбак Аляксандр"]])
        assert persons[ids["Байда Аляксандр"]] != persons[ids["Байбак Аляксандр"]]
        # rows 926 and 1280: two women whose surnames differ by х/ч (and е/а), once one name key and
        # linked at p 0.99 (test_names_kh_ch); still apart, on the same linked workspace
        with session_scope(ws.database_url) as s:
            person_of = {ext: pid for src, ext, _identity, _rid, pid in link_rows(s) if src == "viasna_admin"}
        assert person_of["926"] is not None and person_of["1280"] is not None
        assert person_of["926"] != person_of["1280"]
    finally:
        dispose_engines()
