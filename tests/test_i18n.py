"""Languages (issue 18): catalogues complete in Belarusian and Russian, the language picked in the right
order, numbers and dates by locale, every page and the report in be, ru and en with <html lang> set and no
English message left on a Belarusian or Russian page."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import httpx
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from reckon import i18n
from test_web_support import PASSWORD, csrf_from, login, serve, synthetic_csv

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "reckon" / "locale"
KEYWORDS = {"_": None, "N_": None, "Nn_": (1, 2), "gettext": None, "ngettext": (1, 2)}


def catalogue(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "reckon.po", "rb") as handle:
        return read_po(handle)


def source_msgids() -> set[str]:
    """Every message marked in the code and templates now, extracted as babel.cfg says."""
    method_map = [("src/reckon/**.py", "python"), ("src/reckon/web/templates/**.html", "jinja2")]
    options = {"src/reckon/web/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    out = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(str(ROOT), method_map, options,
                                                                    keywords=KEYWORDS):
        out.add(message[0] if isinstance(message, tuple) else message)
    return out


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    cat = catalogue(lang)
    missing = [m.id for m in cat if m.id and (m.fuzzy or not m.string or (
        isinstance(m.string, tuple) and not all(m.string)))]
    assert missing == [], f"{lang}: {len(missing)} messages without a translation (or fuzzy): {missing[:10]}"
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in cat if m.id}
    not_in_catalogue = sorted(source_msgids() - ids)
    assert not_in_catalogue == [], f"{lang}.po lacks messages the code uses (pybabel update): {not_in_catalogue[:10]}"
    if isinstance(next(m for m in cat if isinstance(m.id, tuple)).string, tuple):
        assert all(len(m.string) == 3 for m in cat if isinstance(m.id, tuple))  # one, few, many


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_compiled_catalogue_matches_its_source(lang: str) -> None:
    """The shipped .mo is the compiled .po (docs/i18n.md: pybabel compile after every change)."""
    def plain(cat) -> dict:
        return {tuple(m.id) if isinstance(m.id, list | tuple) else m.id:
                tuple(m.string) if isinstance(m.string, list | tuple) else m.string for m in cat if m.id}

    po = plain(catalogue(lang))
    with open(LOCALE / lang / "LC_MESSAGES" / "reckon.mo", "rb") as handle:
        mo = plain(read_mo(handle))
    if lang == "en":
        return  # English is the messages themselves
    assert mo == po


def test_the_language_is_picked_in_order(monkeypatch) -> None:
    monkeypatch.delenv("RECKON_LANG", raising=False)
    assert i18n.pick("ru", "en-GB,en;q=0.9", "en") == "ru"           # the user's own setting
    assert i18n.pick(None, "de-DE, en;q=0.8, ru;q=0.9", "be") == "ru"  # then the browser, by quality
    assert i18n.pick(None, "de, fr", "en") == "en"                     # then the workspace
    assert i18n.pick(None, None, None) == "be"                          # then Belarusian
    monkeypatch.setenv("RECKON_LANG", "ru")
    assert i18n.pick(None, "", None) == "ru"                           # or the server's RECKON_LANG
    assert i18n.pick("xx", "be;q=0", None) == "ru"


@given(st.text(max_size=200))
def test_accept_language_never_fails(header: str) -> None:
    assert i18n.from_accept_language(header) in (None, *i18n.LANGUAGES)


@given(st.lists(st.sampled_from(["be", "ru", "en", "de", "be-BY", "ru-RU", "en-US", "*"]), min_size=1, max_size=5),
       st.lists(st.sampled_from(["", ";q=0.9", ";q=0.5", ";q=0", ";q=1.0", ";q=x"]), min_size=5, max_size=5))
def test_accept_language_prefers_the_highest_quality(langs: list[str], qs: list[str]) -> None:
    header = ", ".join(f"{lang}{q}" for lang, q in zip(langs, qs, strict=False))
    got = i18n.from_accept_language(header)

    def quality(q: str) -> float:
        try:
            return float(q[3:]) if q else 1.0
        except ValueError:
            return 0.0
    spoken = [(quality(q), i18n.normalise(lang)) for lang, q in zip(langs, qs, strict=False)
              if i18n.normalise(lang) and quality(q) > 0]
    if not spoken:
        assert got is None
    else:
        assert got in {lang for q, lang in spoken if q == max(q for q, _ in spoken)}


def test_numbers_dates_and_codes_follow_the_language() -> None:
    with i18n.use("be"):
        assert i18n.number(1405) == "1\xa0405"
        assert i18n.day("2024-03-04") == "4 сакавіка 2024"
        assert i18n.day("2024-03") == "сакавік 2024"
        assert i18n.label("political_prisoners_ever") == "палітвязні, прызнаныя за ўвесь час"
        assert i18n.label("in_custody") == "пад вартай"
    with i18n.use("ru"):
        assert i18n.day("2024-03-04") == "4 марта 2024"
        assert i18n.label("political_prisoner") == "политзаключённые"
    with i18n.use("en"):
        assert i18n.number(1405) == "1,405" and i18n.day("2024-03-04") == "4 March 2024"
        assert i18n.label("released") == "released"
    assert i18n.number(None) == "—" and i18n.day(None) == "" and i18n.day("not a date") == "not a date"


# --- pages and report -------------------------------------------------------------------------------------

def english_phrases() -> list[str]:
    """Literal stretches of the English messages long enough not to be a name or a number (12+ characters
    with a space), to look for on a page that should hold none of them."""
    out = set()
    for m in catalogue("be"):
        if not m.id:
            continue
        for text in (m.id if isinstance(m.id, tuple) else (m.id,)):
            for piece in re.split(r"%\(\w+\)s|%%|\{k_minus\}", text):
                piece = piece.strip(" .,:;()—·")
                if len(piece) >= 12 and " " in piece and re.search(r"[a-z]{3}", piece):
                    out.add(piece)
    return sorted(out)


def visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<code>.*?</code>", " ", page, flags=re.S)  # commands and codes stay as they are
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", htmllib.unescape(page))


def leftovers(page: str, phrases: list[str]) -> list[str]:
    text = visible_text(page)
    return [p for p in phrases if p in text]


def html_lang(page: str) -> str | None:
    m = re.search(r'<html lang="([a-z]+)"', page)
    return m.group(1) if m else None


PAGES = ["/", "/sources", "/sources/1", "/imports/1", "/imports/new", "/persons", "/persons?q=Дубракоў",
         "/persons?q=Nobody+Atall", "/records/1", "/review", "/estimates", "/officials", "/judges", "/courts",
         "/articles", "/audit", "/users", "/jobs/1"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from reckon.config import init_workspace
    from reckon.ingest import import_file
    from reckon.services.accounts import add_user
    from reckon.store.db import dispose_engines

    tmp = tmp_path_factory.mktemp("i18n")
    ws = init_workspace(tmp / "ws")
    add_user(ws.database_url, "admin", "admin", PASSWORD)
    import_file(ws, synthetic_csv(tmp / "list.csv", n=40, seed=3), "Made-up list")
    with serve(ws) as base:
        yield ws, base
    dispose_engines()


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_every_page_in_each_language(site, lang: str) -> None:
    _ws, base = site
    client = login(base, "admin")
    client.headers["Accept-Language"] = lang
    phrases = english_phrases()
    job = client.post("/link/run", data={"csrf_token": csrf_from(client.get("/review").text)})
    assert job.status_code in (303, 302)
    for path in PAGES:
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        assert html_lang(r.text) == lang, path
        if lang != "en":
            assert leftovers(r.text, phrases) == [], (lang, path)
            assert "None" not in visible_text(r.text), path
    if lang == "en":  # the check above would see English: it is not vacuous
        assert "Sources and imports" in client.get("/sources").text
        assert len(leftovers(client.get("/").text, phrases)) >= 5
    login_page = httpx.get(base + "/login", headers={"Accept-Language": lang})
    assert html_lang(login_page.text) == lang


def test_default_is_belarusian_and_a_choice_is_kept(site, monkeypatch) -> None:
    monkeypatch.delenv("RECKON_LANG", raising=False)
    ws, base = site
    anonymous = httpx.Client(base_url=base)
    assert html_lang(anonymous.get("/login").text) == "be"
    # a visitor without an account: the choice lives in a cookie
    token = csrf_from(anonymous.get("/login").text)
    r = anonymous.post("/language", data={"lang": "ru", "next": "/login", "csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert html_lang(anonymous.get("/login").text) == "ru"
    # a user: the choice is kept on their account and wins over the browser
    client = login(base, "admin")
    client.headers["Accept-Language"] = "en"
    assert html_lang(client.get("/").text) == "en"
    token = csrf_from(client.get("/").text)
    assert client.post("/language", data={"lang": "be", "next": "/", "csrf_token": token}).status_code == 303
    page = client.get("/sources").text
    assert html_lang(page) == "be" and "Крыніцы і імпарты" in page
    from sqlalchemy import select

    from reckon.store.db import session_scope
    from reckon.store.preferences import user_language
    from reckon.store.web import WebUser

    with session_scope(ws.database_url) as s:
        uid = s.execute(select(WebUser.id).where(WebUser.name == "admin")).scalar_one()
    assert user_language(ws.database_url, uid) == "be"
    again = login(base, "admin")  # a new session reads the setting from the account
    again.headers["Accept-Language"] = "en"
    assert html_lang(again.get("/").text) == "be"


def test_public_mode_and_error_pages_follow_the_language(site) -> None:
    ws, base = site
    client = login(base, "admin")
    client.headers["Accept-Language"] = "be"
    missing = client.get("/records/999999")
    assert missing.status_code == 404 and "такога запісу няма" in missing.text and html_lang(missing.text) == "be"
    with serve(ws, public=True) as public_base:
        for lang in ("be", "ru"):
            page = httpx.get(public_base + "/", headers={"Accept-Language": lang}, timeout=60).text
            assert html_lang(page) == lang
            assert leftovers(page, english_phrases()) == []
        page = httpx.get(public_base + "/", headers={"Accept-Language": "ru"}, timeout=60).text
        assert "публичные сводные данные" in page
