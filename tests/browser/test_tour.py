"""A first day of every demo user, in Chromium, on the demo as `make run` serves it.

Each demo role logs in, at phone size (360 px) and at desktop size, and walks every kind
of page it can reach from its landing page by following links: one page per view and
set of query parameters (a thousand member records are one kind of page). A page fails
the tour when it answers an error status, shows English text (outside a small list of
names), is wider than a 360 px screen, raises a script error, or takes more than a
second to arrive (at best of five tries: the machine may be busy); the panels a page
loads after it (HTMX) are timed the same way and checked in the page. Downloads (Excel,
Word) are fetched and must answer 200.

The demo is loaded once per test session into a file (about 20 s; the xdist workers
share it), and each worker serves a copy with `dangbo runserver` under DEBUG, as
`make run` does. The landing pages are photographed at both sizes into
test-artifacts/ (and into docs/screenshots/ with DANGBO_SCREENSHOTS=docs).
"""

import fcntl
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

import polib
import pytest

from dangbo.lib.vntext import fold, is_valid_syllable
from tests.browser.conftest import ARTIFACTS, CHROMIUM, REQUIRED

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DANGBO = Path(sys.executable).with_name("dangbo")
PASSWORD = "dangbo-demo"  # noqa: S105 - the demo's public password (dangbo/demo/users.py)
PHONE, LARGE_PHONE, DESKTOP = 360, 412, 1280
SLOW = 1.0  # seconds
TRIES = 5  # a page is slow when it is slow every time
SCREENSHOTS = ROOT / "docs" / "screenshots" if os.environ.get("DANGBO_SCREENSHOTS") == "docs" else ARTIFACTS
ROLES = ["admin", "haiphong.tochuc", "thanhha.tochuc", "thanhha.kiemtra", "thanhha.xem", "bithu.thanhhong", "bientap",
         "thanhha.tiepdan", "xathanhha.tiepdan"]
# Addresses that are not pages: files to download, the photos, the log-out.
DOWNLOADS = re.compile(r"(\.xlsx|\.docx|\.jpg|format=xlsx|/[^/]+/excel/$|/attachment/\d+/$|/photo/$)")
SKIPPED = ("/static/", "/media/", "/accounts/logout/", "/i18n/")

# Words that are English and not Vietnamese syllables, as they would appear in a page
# left untranslated; and the names a Vietnamese page may show as they are.
ENGLISH = set(
    """the and of with for this that these those from your you are was were has have
    been not page pages member members report reports organization organizations save
    cancel edit delete search show date year years name names status code new add back
    next previous download print help home login logout log password user users error
    found please select none total warning warnings list view open close submit details
    more filters filter dashboard ratings rating cadres cadre training targets target
    news comments comment article articles draft drafts publish published preview
    confirm yes record records recorded party grassroots committee cell official
    probationary due today figures figure chart charts units unit history change changes
    reorganization issued issue settings import export file files photo photos caption
    moderation queue approve reject hide reason decision decisions appointment term
    class classes learners results attendance summary level levels excellent good
    completed rated not_rated nothing available access refused expired something went
    wrong again above below left right""".split()
)
ALLOWED = {"dangbo", "excel", "word", "pdf", "debug", "htmx"}


def _catalog_sources() -> list[str]:
    """The English source strings whose Vietnamese differs, as shown untranslated."""
    out = []
    for entry in polib.pofile(str(ROOT / "dangbo/locale/vi/LC_MESSAGES/django.po")):
        text = entry.msgid
        if len(text.split()) >= 3 and "%" not in text and "{" not in text and entry.msgstr != text:
            out.append(text)
    return out


def english_in(text: str, sources: list[str]) -> list[str]:
    found = [s for s in sources if s in text]
    for word in re.findall(r"[A-Za-z][A-Za-z_]+", text):
        lower = word.lower()
        if lower in ENGLISH and lower not in ALLOWED and not is_valid_syllable(fold(lower)):
            found.append(word)
    return sorted(set(found))


# --- The demo, served -------------------------------------------------------------------


def _code_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "dangbo").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run([str(DANGBO), *args], env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"dangbo {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def _env(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DEBUG="1",
        DANGBO_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'dangbo.sqlite3'}",
        SECURE_COOKIES="0",
        DANGBO_CACHE_DIR="",
    )
    return env


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """The demo in a SQLite file, built once for all the workers of the session."""
    shared = tmp_path_factory.getbasetemp().parent / f"dangbo-demo-{_code_hash()}"
    shared.mkdir(exist_ok=True)
    database = shared / "dangbo.sqlite3"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "ready").exists():
            env = _env(shared)
            _run(["migrate", "--noinput", "-v0"], env)
            _run(["demo"], env)
            (shared / "ready").touch()
    return database


@pytest.fixture(scope="session")
def demo_url(demo_database, tmp_path_factory):
    if not Path(CHROMIUM).exists() and not REQUIRED:
        pytest.skip("Chromium is not installed")
    var_dir = tmp_path_factory.mktemp("served")
    for suffix in ("", "-wal", "-shm"):
        source = demo_database.with_name(demo_database.name + suffix)
        if source.exists():
            shutil.copy(source, var_dir / source.name)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(var_dir / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [str(DANGBO), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=_env(var_dir), stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        raise RuntimeError((var_dir / "server.log").read_text())
    yield url
    server.terminate()
    server.wait(timeout=10)
    log.close()


# --- The tour ---------------------------------------------------------------------------


def _kind(url: str) -> str:
    """One page of each kind: the view (Django resolves the path) and the names of the
    query parameters."""
    from django.urls import Resolver404, resolve

    parsed = urlparse(url)
    try:
        view = resolve(parsed.path).view_name
    except Resolver404:
        view = parsed.path
    keys = sorted({part.split("=")[0] for part in parsed.query.split("&") if part.split("=")[0]} - {"page", "trang"})
    return view + "?" + "&".join(keys)


class Tour:
    def __init__(self, page, base: str, width: int):
        self.page, self.base, self.width = page, base, width
        self.problems: list[str] = []
        self.visited: list[str] = []
        self.sources = _catalog_sources()
        self.script_errors: list[str] = []
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))

    def log_in(self, username: str) -> None:
        self.page.goto(self.base + "/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()

    def visit(self, path: str) -> bool:
        """Open a page and check it; True when it could be read for links."""
        response = self.page.goto(self.base + path)
        seconds = self._load_seconds()
        for again in range(1, TRIES):  # a busy machine slows a page now and then, not every time
            if seconds <= SLOW:
                break
            time.sleep(again)  # waiting longer each time, for a quieter moment
            response = self.page.goto(self.base + path)
            seconds = min(seconds, self._load_seconds())
        self.visited.append(path)
        where = f"{path} ({self.width} px)"
        if response is None or response.status != 200:
            self.problems.append(f"{where}: status {response.status if response else 'none'}")
            return False
        if seconds > SLOW:
            self.problems.append(f"{where}: {seconds:.2f} s")
        later = self.page.eval_on_selector_all(
            "[hx-trigger='load'][hx-get]", "els => els.map(e => e.getAttribute('hx-get'))"
        )
        if later:  # panels that come after the page: each timed, then checked in the page
            for url in later:
                self.fetch(url, timed=True)
            self.page.wait_for_load_state("networkidle")
        body = self.page.inner_text("body")
        english = english_in(body, self.sources)
        if english:
            self.problems.append(f"{where}: English {english[:8]}")
        if self.width < DESKTOP:
            wide = self.page.evaluate("document.documentElement.scrollWidth")
            if wide > self.width:
                self.problems.append(f"{where}: {wide} px wide")
        if self.script_errors:
            self.problems.append(f"{where}: script error {self.script_errors[:2]}")
            self.script_errors.clear()
        return True

    def _load_seconds(self) -> float:
        """From the request to the last byte of the page (the server's work and the
        transfer; the charts are drawn after)."""
        timing = self.page.evaluate(
            "(() => { const t = performance.getEntriesByType('navigation')[0];"
            " return t ? t.responseEnd - t.startTime : 0; })()"
        )
        return timing / 1000

    def fetch(self, path: str, *, timed: bool = False) -> None:
        """A download, or a panel that comes after its page (`timed`: as slow as a page may be)."""
        seconds = SLOW + 1
        for again in range(TRIES if timed else 1):
            time.sleep(again)
            start = time.monotonic()
            response = self.page.context.request.get(self.base + path)
            seconds = min(seconds, time.monotonic() - start)
            if seconds <= SLOW:
                break
        self.visited.append(path)
        if response.status != 200:
            self.problems.append(f"{path}: status {response.status}")
        elif timed and seconds > SLOW:
            self.problems.append(f"{path}: {seconds:.2f} s")

    def links(self) -> list[str]:
        out = []
        for href in self.page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            url = urlparse(urljoin(self.page.url, href))
            if url.netloc != urlparse(self.base).netloc or url.path.startswith(SKIPPED):
                continue
            out.append(url.path + (f"?{url.query}" if url.query else ""))
        return out

    def walk(self, start: str = "/") -> None:
        seen_kinds: set[str] = set()
        queue = [start]
        while queue:
            path = queue.pop(0)
            kind = _kind(path)
            if kind in seen_kinds:
                continue
            seen_kinds.add(kind)
            if DOWNLOADS.search(path):
                self.fetch(path)
            elif self.visit(path):
                queue.extend(link for link in self.links() if _kind(link) not in seen_kinds)

    def menu(self) -> list[str]:
        return [link for link in self.links_in("#main-menu nav")]

    def links_in(self, selector: str) -> list[str]:
        hrefs = self.page.eval_on_selector_all(f"{selector} a[href]", "els => els.map(e => e.getAttribute('href'))")
        return [urlparse(urljoin(self.page.url, h)).path + (f"?{urlparse(h).query}" if urlparse(h).query else "")
                for h in hrefs]


def _context(browser, width: int):
    height = 780 if width < DESKTOP else 900
    return browser.new_context(locale="vi-VN", viewport={"width": width, "height": height}, accept_downloads=False)


def _shot(page, name: str) -> None:
    page.wait_for_load_state("networkidle")  # the panels that come after the page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("username", ROLES)
def test_a_first_day(browser, demo_url, username):
    """Phone: every kind of page reachable from the landing page. Desktop: the landing
    page and every page of the menu."""
    problems = []
    context = _context(browser, PHONE)
    tour = Tour(context.new_page(), demo_url, PHONE)
    tour.log_in(username)
    assert urlparse(tour.page.url).path == "/", tour.page.url
    _shot(tour.page, f"landing-{username}-phone")
    tour.walk("/")
    problems += tour.problems
    kinds = len(tour.visited)
    context.close()

    context = _context(browser, DESKTOP)
    tour = Tour(context.new_page(), demo_url, DESKTOP)
    tour.log_in(username)
    tour.visit("/")
    _shot(tour.page, f"landing-{username}-desktop")
    menu = tour.menu()
    assert len(menu) >= 3, menu
    for path in menu:
        tour.visit(path)
    problems += tour.problems
    context.close()
    print(f"{username}: {kinds} kinds of page at {PHONE} px, {len(menu)} menu pages at {DESKTOP} px")
    assert kinds >= 10, f"only {kinds} pages reached"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ["thanhha.tochuc", "bithu.thanhhong", "xathanhha.tiepdan"])
def test_a_larger_phone(browser, demo_url, username):
    """At 412 px (the larger phones): the landing page and every page of the menu, by the
    same checks (status, English text, no sideways scrolling, speed, script errors)."""
    context = _context(browser, LARGE_PHONE)
    tour = Tour(context.new_page(), demo_url, LARGE_PHONE)
    tour.log_in(username)
    tour.visit("/")
    menu = tour.menu()
    for path in menu:
        tour.visit(path)
    context.close()
    assert len(menu) >= 3, menu
    assert not tour.problems, "\n".join(tour.problems)


def test_a_visitor_at_the_root_reads_the_news_and_errors_are_vietnamese(browser, demo_url):
    context = _context(browser, PHONE)
    tour = Tour(context.new_page(), demo_url, PHONE)
    tour.page.goto(demo_url + "/")
    assert urlparse(tour.page.url).path == "/tin-tuc/"
    _shot(tour.page, "landing-anonymous-phone")
    tour.walk("/")
    assert tour.page.locator("a[href='/accounts/login/']").count() or "/accounts/login/" in " ".join(tour.visited)
    missing = tour.page.goto(demo_url + "/khong-co-trang-nay/")
    assert missing.status == 404
    text = tour.page.inner_text("body")
    assert "Không tìm thấy trang" in text and "URLconf" not in text and not english_in(text, tour.sources)
    tour.log_in("thanhha.tochuc")
    refused = tour.page.goto(demo_url + "/members/?org=HP_XA_HABAC")
    assert refused.status == 404 and "Không tìm thấy trang" in tour.page.inner_text("body")
    context.close()
    assert not tour.problems, "\n".join(tour.problems)


def test_the_english_check_finds_untranslated_text_and_spares_vietnamese():
    sources = _catalog_sources()
    assert english_in("Đảng viên: Trần Văn An, Chi bộ Thôn Bắc — tổ chức cơ sở đảng", sources) == []
    assert english_in("Tải về dạng Excel · dangbo", sources) == []
    assert "Ratings" in english_in("Trang chính Ratings Cadres", sources)
    assert english_in("Sơ đồ Organization tree", sources) == ["Organization"]
    assert "Back to the class" in english_in("Back to the class", sources)
