"""Shared helpers for the web tests: the real app served by uvicorn on a free loopback port, users of every
role with their API tokens, and a logged-in browser-like client. (No tests here; other test_web_* files
import from this module.)"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

ROLES = ("viewer", "analyst", "editor", "admin")
PASSWORD = "correct horse battery"


SRC = Path(__file__).resolve().parents[1] / "src"


def reckon_env(**extra: str) -> dict[str, str]:
    """The environment of a `python -m reckon` child: this checkout's sources first, no workspace or job
    mode inherited from the test process."""
    env = {k: v for k, v in os.environ.items() if k not in ("RECKON_WORKSPACE", "RECKON_JOBS")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(workspace, *, public: bool = False, trusted_proxies: tuple[str, ...] = ()) -> Iterator[str]:
    """Run create_app(workspace) under uvicorn in a thread, as `reckon serve` does; yields the base URL."""
    from reckon.web.app import create_app

    app = create_app(workspace, public=public, trusted_proxies=trusted_proxies)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off",
                            proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 90
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class Users:
    tokens: dict[str, str]

    def headers(self, role: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}


def make_users(url: str) -> Users:
    """One user per role, named after it, each with an API token."""
    from reckon.services.accounts import add_user, create_token

    tokens = {}
    for role in ROLES:
        add_user(url, role, role, PASSWORD)
        tokens[role] = create_token(url, role, "tests")
    return Users(tokens)


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def login(base: str, name: str, password: str = PASSWORD) -> httpx.Client:
    """A cookie-keeping client logged in through the real login form."""
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
    page = client.get("/login")
    response = client.post("/login", data={"username": name, "password": password,
                                           "csrf_token": csrf_from(page.text), "next": "/"})
    assert response.status_code == 303, response.text
    return client


def wait_job(client: httpx.Client, job_id: int, headers: dict | None = None, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{job_id}", headers=headers or {}).json()
        if job["status"] in ("done", "failed"):
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {job['status']} after {timeout}s")
        time.sleep(0.1)


SURNAMES = ["Дубракоў", "Іваноў", "Смірноў", "Palesnikava", "Лукашук", "Петрова", "Novik", "Шэўчык"]
GIVEN = ["Іван", "Пётр", "Maryia", "Алена", "Сяргей", "Вольга", "Andrei", "Ганна"]
REGIONS = ["Minsk", "Brest", "Hrodna", "Homiel", "Mahilioŭ", "Viciebsk"]
STATUS = ["in custody", "released", "persecuted"]


def synthetic_csv(path, n: int = 60, seed: int = 7):
    """A small list of synthetic (made-up) people in the shape documentation groups export."""
    import csv
    import random

    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "full_name", "birth_date", "region", "status", "detention_date"])
        for i in range(1, n + 1):
            name = f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}"
            if i == 1:
                name = "Дубракоў Іван"
            writer.writerow([f"S{i}", name, f"{rnd.randint(1950, 2002)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                             REGIONS[0] if i % 3 else rnd.choice(REGIONS), rnd.choice(STATUS),
                             f"{rnd.choice([2020, 2021, 2022])}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"])
    return path


def three_lists(ws, tmp_path) -> None:
    """Three lists of one synthetic population, each seeing each person with probability 1/2, linked."""
    import csv
    import random

    from reckon.ingest import import_file
    from reckon.link import run_link

    people = list(csv.DictReader(open(synthetic_csv(tmp_path / "people.csv", n=120, seed=21), encoding="utf-8")))
    rnd = random.Random(5)
    for name in ("A", "B", "C"):
        with open(tmp_path / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(people[0]))
            writer.writeheader()
            writer.writerows(p for p in people if rnd.random() < 0.5)
        import_file(ws, tmp_path / f"{name}.csv", name)
    run_link(ws)
