"""The on-disk index of rigour's corpus answers (reckon.names.corpus): private, keyed by versions, rebuilt
when they change, and giving the same keys as asking the corpus directly."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from reckon.names.corpus import CorpusIndex, corpus_ids, versions

ROOT = Path(__file__).resolve().parents[1]


def test_index_is_private_and_rebuilt_when_a_version_changes(tmp_path: Path) -> None:
    directory = tmp_path / "cache" / "reckon"
    first = CorpusIndex(directory, "rigour1-reckon1-f1")
    assert first.enabled
    ids = first.get("uladzimir")
    assert ids and ids == corpus_ids("uladzimir") and first.asked == 1
    assert first.get("uladzimir") == ids and first.asked == 1  # asked once per process
    assert first.get("lupakou") == frozenset() and first.asked == 2
    first.close()
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600

    again = CorpusIndex(directory, "rigour1-reckon1-f1")  # the same versions: answered from disk
    assert again.get("uladzimir") == ids and again.get("lupakou") == frozenset() and again.asked == 0
    again.close()

    newer = CorpusIndex(directory, "rigour2-reckon1-f1")  # rigour changed: a new index, the old one gone
    assert not first.path.exists() and newer.path.exists()
    assert newer.get("uladzimir") == ids and newer.asked == 1
    newer.close()


def test_versions_name_rigour_and_reckon() -> None:
    from importlib.metadata import version

    key = versions()
    assert f"rigour{version('rigour')}" in key and "reckon" in key


_PROBE = """
import json, sys
from reckon.names import compare, keys, search_terms
from reckon.names.corpus import index
names = json.loads(sys.argv[1])
out = {n: [keys(n).as_dict(), sorted(search_terms(n))] for n in names}
out["_compare"] = [compare(a, b).score for a, b in zip(names, names[1:])]
index().flush()
print(json.dumps({"out": out, "asked": index().asked}, ensure_ascii=False, sort_keys=True))
"""

# made-up people; words the built vocabulary does not know send parsing and keys to the corpus
_NAMES = ["Лупакоў Іван Сцяпанавіч", "Lupakou Ivan Stsiapanavich", "Зьміцер Харашэвіч", "Дарафей ТРУСАВІЦКІ",
          "Zmitsier Kharashevich", "Яўхім Бульбянок", "Yaukhim Bulbianok", "Ўладзь Нарайкін"]


def _probe(cache: Path) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(_NAMES)], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_cached_keys_equal_the_keys_asked_of_the_corpus(tmp_path: Path) -> None:
    cold = _probe(tmp_path)  # an empty index: every answer comes from rigour's corpus
    warm = _probe(tmp_path)  # every answer from the index
    assert cold["asked"] > 0 and warm["asked"] == 0
    assert warm["out"] == cold["out"]
