"""Articles per second per core for reckon.news.extract, per language, on synthetic HTML pages and text.

Goals: at least 30/s for HTML (trafilatura included) and 200/s for plain text, on one core (issue 6), in
each of English, Russian and Belarusian with the NLP models loaded once (issue 16). The articles are made
up: invented people and numbers in each language's usual shapes.

    .venv/bin/python benchmarks/news_speed.py [--n 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

GIVEN = ["Ales", "Maryja", "Hanna", "Taras", "Janina", "Lavon", "Paŭlina", "Stas", "Zmitser", "Volha"]
SURNAMES = ["Zmitrovič", "Pałujan", "Viertaš", "Sałaviej", "Kruk", "Dziemska", "Kazłoŭski", "Hrebień", "Lis",
            "Barysaŭ"]
COUNTRIES = ["Canada", "the European Union", "Switzerland", "the United Kingdom", "the United States", "Japan",
             "Lithuania", "Poland", "Latvia", "Estonia"]


def synthetic_article(rng: random.Random) -> tuple[str, str]:
    """(title, body paragraphs) of a made-up news story: invented people and numbers."""
    name = lambda: f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"  # noqa: E731
    n_pp = rng.randint(900, 1600)
    title = f"Rights groups recognise {rng.randint(2, 20)} more political prisoners"
    paras = [
        f"As of {rng.choice(['March', 'May', 'June'])} {rng.randint(1, 28)}, human rights defenders counted at "
        f"least {n_pp:,} political prisoners (including {rng.randint(100, 200)} women); many cases are never "
        "reported to them.",
        f"Opposition sources put the number of political prisoners at around {rng.randint(3, 6)},000.",
        f"Police detained more than {rng.randint(10, 300)} people in Demo City on Sunday, according to the Demo "
        "Rights Centre.",
        f"“We will keep counting every one of them,” said centre head {name()}.",
        f"{', '.join(rng.sample(COUNTRIES, 3))} and {rng.choice(COUNTRIES)} sanctioned Deputy Interior Minister "
        f"{name()} over the arrests.",
        f"The court sentenced {name()} to {rng.randint(2, 9)} years in prison under Article 342 in 2021.",
        "Relatives say the trial lasted less than two hours and the public was not admitted to the hearing.",
    ] * 2
    rng.shuffle(paras)
    return title, "\n\n".join(paras)


GIVEN_RU = ["Алесь", "Мария", "Анна", "Тарас", "Янина", "Леонид", "Павлина", "Станислав", "Дмитрий", "Ольга"]
SURNAMES_RU = ["Змитрович", "Полуян", "Верташ", "Заревей", "Крук", "Демская", "Козловский", "Гребень", "Лис",
               "Борисов"]
GIVEN_BE = ["Алесь", "Марыя", "Ганна", "Тарас", "Яніна", "Лявон", "Паўліна", "Стась", "Зміцер", "Вольга"]
SURNAMES_BE = ["Зміцеровіч", "Палуян", "Верташ", "Зарэвей", "Крук", "Дземская", "Казлоўскі", "Грэбень", "Ліс",
               "Барысаў"]


def synthetic_article_ru(rng: random.Random) -> tuple[str, str]:
    name = lambda: f"{rng.choice(GIVEN_RU)} {rng.choice(SURNAMES_RU)}"  # noqa: E731
    n = rng.randint(2, 20)
    title = f"Признали политзаключенными еще {n} человек"
    paras = [
        f"{rng.randint(1, 28)} марта правозащитники признали политзаключенными еще {n} человек. Всего "
        f"политзаключенных в Демостране сейчас {rng.randint(900, 1600)} человек.",
        "В перечень политзаключенных добавлены следующие люди:",
        ", ".join(name() for _ in range(n)) + ".",
        f"По данным правозащитников, с начала года задержаны не менее {rng.randint(100, 900)} человек.",
        f"«Мы будем считать каждого из них», — заявил руководитель центра {name()}.",
        f"Демосоюз ввел санкции против заместителя министра внутренних дел {name()}.",
        f"Суд приговорил {name()} к {rng.randint(2, 9)} годам колонии.",
        "Родственники говорят, что заседание длилось меньше двух часов, а публику в зал не пустили.",
    ] * 2
    return title, "\n\n".join(paras)


def synthetic_article_be(rng: random.Random) -> tuple[str, str]:
    name = lambda: f"{rng.choice(GIVEN_BE)} {rng.choice(SURNAMES_BE)}"  # noqa: E731
    n = rng.randint(2, 20)
    title = f"Прызналі палітвязнямі яшчэ {n} чалавек"
    paras = [
        f"{rng.randint(1, 28)} сакавіка праваабаронцы прызналі палітвязнямі яшчэ {n} чалавек. Усяго "
        f"палітвязняў у Дэмакраіне цяпер {rng.randint(900, 1600)} чалавек.",
        "Імёны новых палітвязняў — " + ", ".join(name() for _ in range(n)) + ".",
        f"Паводле праваабаронцаў, з пачатку года затрыманыя не менш за {rng.randint(100, 900)} чалавек.",
        f"«Мы будзем лічыць кожнага з іх», — заявіў кіраўнік цэнтра {name()}.",
        f"Дэмасаюз увёў санкцыі супраць намесніка міністра ўнутраных спраў {name()}.",
        f"Суд прысудзіў {name()} да {rng.randint(2, 9)} гадоў калоніі.",
        "Сваякі кажуць, што пасяджэнне доўжылася менш за дзве гадзіны, а публіку ў залу не пусцілі.",
    ] * 2
    return title, "\n\n".join(paras)


def html_page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    nav = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(25))
    return (f"<!doctype html><html><head><title>{title} | Demo Herald</title>"
            "<meta property='og:site_name' content='Demo Herald'>"
            "<meta property='article:published_time' content='2024-06-03T09:00:00Z'>"
            f"<script>var x = {{}};</script></head><body><header><ul>{nav}</ul></header>"
            f"<main><article><h1>{title}</h1><div class='meta'>June 3, 2024</div>{paras}</article>"
            f"<aside><h3>Related</h3><ul>{nav}</ul></aside></main><footer>© Demo Herald</footer></body></html>")


def rate(items: list[str], **kwargs) -> tuple[float, float]:
    """(articles per wall-clock second, articles per CPU second of this process = per core)."""
    from reckon.news import extract

    extract(items[0], **kwargs)  # warm caches and imports
    start, cpu = time.perf_counter(), time.process_time()
    for item in items:
        extract(item, **kwargs)
    return len(items) / (time.perf_counter() - start), len(items) / (time.process_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    makers = {"en": (synthetic_article, "June 3, Demo Herald. "), "ru": (synthetic_article_ru, "03.06.2024\n\n"),
              "be": (synthetic_article_be, "03.06.2024\n\n")}
    for lang, (make, dateline) in makers.items():
        stories = [make(rng) for _ in range(args.n)]
        texts = [f"{t}\n\n{dateline}{b}\n\nShare:" for t, b in stories]
        pages = [html_page(t, b) for t, b in stories]
        text_rate = rate(texts, published="2024-06-03")
        html_rate = rate(pages)
        avg_text = sum(map(len, texts)) // len(texts)
        avg_html = sum(map(len, pages)) // len(pages)
        print(f"[{lang}] plain text: {text_rate[1]:8.1f} articles/s per core (CPU time; {text_rate[0]:.1f}/s wall "
              f"clock)  ({args.n} articles, {avg_text} chars each)")
        print(f"[{lang}] HTML:       {html_rate[1]:8.1f} articles/s per core (CPU time; {html_rate[0]:.1f}/s wall "
              f"clock)  ({args.n} pages, {avg_html} bytes each, trafilatura included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
