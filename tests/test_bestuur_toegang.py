"""Board access: Fava read-only on loopback behind nginx with a password (docs/bestuurstoegang.md).

Starts ``snw fava`` on a copy of the demo ledger and nginx (``tools/bestuur/nginx-fava.conf``
through ``tools/bestuur/nginx_fava.py``, as the current user) on free loopback ports, and
proves: no or wrong credentials give 401, the right ones serve Fava's pages and ours with the
security headers, every write is refused (405 at nginx, and Fava itself refuses too), the
ledger stays byte-identical, and in headless Chromium the pages work under the CSP (no
violation) while an inline event handler is blocked. Skips only without nginx (and the
browser part without Chromium or playwright).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import http.client
import importlib.util
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from ledger.load import DEMO_LEDGER

ROOT = Path(__file__).resolve().parent.parent
HELPER = ROOT / "tools" / "bestuur" / "nginx_fava.py"
GEBRUIKER = "bestuur"
WACHTWOORD = "Geheim-voor-het-bestuur-2026"
SLUG = "samen-nieuw-west-demoledger"
GELDSTROMEN = f"/{SLUG}/extension/Geldstromen/"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _helper() -> ModuleType:
    """``tools/bestuur/nginx_fava.py`` (tools/ is no package)."""
    spec = importlib.util.spec_from_file_location("nginx_fava", HELPER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _vrije_poorten(aantal: int) -> list[int]:
    """Free loopback ports, all different (held open together while chosen)."""
    sockets = [socket.socket() for _ in range(aantal)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _htpasswd(pad: Path) -> None:
    """The password file as the docs make it (``htpasswd -B``, bcrypt); else nginx's {SHA}."""
    htpasswd = shutil.which("htpasswd")
    if htpasswd:
        subprocess.run([htpasswd, "-c", "-b", "-B", str(pad), GEBRUIKER, WACHTWOORD],
                       check=True, capture_output=True)
    else:
        digest = base64.b64encode(hashlib.sha1(WACHTWOORD.encode()).digest()).decode()
        pad.write_text(f"{GEBRUIKER}:{{SHA}}{digest}\n", encoding="utf-8")


@dataclasses.dataclass
class Antwoord:
    status: int
    headers: dict[str, str]
    body: str


def _vraag(poort: int, pad: str, methode: str = "GET", auth: tuple[str, str] | None = None,
           body: bytes | None = None) -> Antwoord:
    """One HTTP request on 127.0.0.1 (no redirects followed)."""
    headers = {"Host": f"127.0.0.1:{poort}"}
    if auth is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
    try:
        conn.request(methode, pad, body=body, headers=headers)
        response = conn.getresponse()
        tekst = response.read().decode("utf-8", "replace")
        return Antwoord(response.status, {k.lower(): v for k, v in response.getheaders()}, tekst)
    finally:
        conn.close()


def _wacht(poort: int, proces: subprocess.Popen[bytes], naam: str, log: Path, seconden: float = 30) -> None:
    """Until something answers HTTP on the port (or the process died)."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            pytest.fail(f"{naam} stopte (code {proces.returncode}): {log.read_text(errors='replace')[-2000:]}")
        try:
            _vraag(poort, "/")
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{naam} antwoordt niet op 127.0.0.1:{poort}: {log.read_text(errors='replace')[-2000:]}")


def _stop(proces: subprocess.Popen[bytes]) -> None:
    """Stop the process we started (SIGTERM, then SIGKILL)."""
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait(timeout=10)


@dataclasses.dataclass
class Opstelling:
    nginx: int
    fava: int
    grootboek: Path
    stand: dict[Path, bytes]

    def ongewijzigd(self) -> bool:
        """Every ledger file byte-identical to the start."""
        return _stand(self.grootboek.parent) == self.stand


def _stand(map_: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(map_.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def opstelling(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opstelling]:
    """Fava (``snw fava``, read-only) and nginx in front, both on free loopback ports."""
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                           if Path(p).exists()), None)
    if nginx is None:
        pytest.skip("nginx is niet geïnstalleerd (apt-get install nginx; .ci/run doet dat)")
    tmp = tmp_path_factory.mktemp("bestuur")
    demo = tmp / "demo"
    shutil.copytree(DEMO_LEDGER.parent, demo, ignore=shutil.ignore_patterns("__pycache__"))
    grootboek = demo / DEMO_LEDGER.name
    stand = _stand(demo)
    fava_poort, nginx_poort = _vrije_poorten(2)
    _htpasswd(tmp / "htpasswd")
    conf = _helper().los(tmp / "nginx", f"127.0.0.1:{nginx_poort}", fava_poort, tmp / "htpasswd")

    fava_log = tmp / "fava.log"
    nginx_log = tmp / "nginx.log"
    processen: list[subprocess.Popen[bytes]] = []
    try:
        with fava_log.open("wb") as uit:
            processen.append(subprocess.Popen(
                [sys.executable, "-c", "from cli.main import cli; cli()",
                 "--grootboek", str(grootboek), "fava", "--poort", str(fava_poort)],
                cwd=ROOT, stdout=uit, stderr=subprocess.STDOUT))
        with nginx_log.open("wb") as uit:
            processen.append(subprocess.Popen(
                [nginx, "-p", str(conf.parent), "-c", str(conf), "-e", str(conf.parent / "error.log")],
                stdout=uit, stderr=subprocess.STDOUT))
        _wacht(nginx_poort, processen[1], "nginx", nginx_log)
        _wacht(fava_poort, processen[0], "snw fava", fava_log)
        yield Opstelling(nginx_poort, fava_poort, grootboek, stand)
    finally:
        for proces in reversed(processen):
            _stop(proces)


def _veiligheidskoppen(antwoord: Antwoord) -> None:
    """The security headers of the site, on every answer."""
    csp = {deel.split()[0]: deel.split()[1:] for deel in antwoord.headers["content-security-policy"].split(";")
           if deel.strip()}
    assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert antwoord.headers["x-content-type-options"] == "nosniff"
    assert antwoord.headers["x-frame-options"] == "DENY"
    assert antwoord.headers["referrer-policy"] == "no-referrer"
    assert antwoord.headers["cache-control"] == "no-store"


def test_without_credentials_401(opstelling: Opstelling) -> None:
    for pad in ("/", GELDSTROMEN, f"/{SLUG}/api/ledger_data", "/static/app.js"):
        antwoord = _vraag(opstelling.nginx, pad)
        assert antwoord.status == 401, pad
        assert antwoord.headers["www-authenticate"].startswith("Basic ")
        assert "Geldstromen" not in antwoord.body and "EUR" not in antwoord.body
        _veiligheidskoppen(antwoord)


def test_wrong_credentials_401(opstelling: Opstelling) -> None:
    for auth in ((GEBRUIKER, "fout"), (GEBRUIKER, ""), ("iemand", WACHTWOORD), (GEBRUIKER, WACHTWOORD + "x")):
        antwoord = _vraag(opstelling.nginx, GELDSTROMEN, auth=auth)
        assert antwoord.status == 401, auth
        assert "Geldstromen" not in antwoord.body


def test_credentials_serve_the_pages_with_the_headers(opstelling: Opstelling) -> None:
    auth = (GEBRUIKER, WACHTWOORD)
    begin = _vraag(opstelling.nginx, "/", auth=auth)
    assert begin.status == 302
    _veiligheidskoppen(begin)
    doel = begin.headers["location"].removeprefix(f"http://127.0.0.1:{opstelling.nginx}")
    assert doel.startswith(f"/{SLUG}/")
    overzicht = _vraag(opstelling.nginx, doel, auth=auth)
    assert overzicht.status == 200
    _veiligheidskoppen(overzicht)
    pagina = _vraag(opstelling.nginx, GELDSTROMEN, auth=auth)
    assert pagina.status == 200
    assert "<h2>Geldstromen 2026" in pagina.body and 'class="snw-tabel"' in pagina.body
    _veiligheidskoppen(pagina)
    script = _vraag(opstelling.nginx, "/static/app.js", auth=auth)
    assert script.status == 200 and "javascript" in script.headers["content-type"]  # nosniff needs it
    _veiligheidskoppen(script)
    assert _vraag(opstelling.nginx, GELDSTROMEN, methode="HEAD", auth=auth).status == 200


@pytest.mark.parametrize("methode", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_writes_are_refused_at_the_proxy(opstelling: Opstelling, methode: str) -> None:
    body = b'{"entries": []}'
    for pad in (f"/{SLUG}/api/add_entries", f"/{SLUG}/api/source", f"/{SLUG}/api/upload_import_file", "/"):
        for auth in (None, (GEBRUIKER, WACHTWOORD)):
            antwoord = _vraag(opstelling.nginx, pad, methode=methode, auth=auth, body=body)
            assert antwoord.status == 405, (methode, pad, auth)
            _veiligheidskoppen(antwoord)
    assert opstelling.ongewijzigd()


def test_fava_itself_is_read_only(opstelling: Opstelling) -> None:
    """The second line: straight to Fava on loopback, a write is refused too."""
    bron = opstelling.grootboek.read_text(encoding="utf-8")
    sha = hashlib.sha256(bron.encode()).hexdigest()
    pogingen = [
        (f"/{SLUG}/api/source", json.dumps({"file_path": str(opstelling.grootboek),
                                             "source": bron + "\n; gewijzigd\n", "sha256sum": sha})),
        (f"/{SLUG}/api/add_entries", json.dumps({"entries": []})),
    ]
    for pad, body in pogingen:
        antwoord = _vraag(opstelling.fava, pad, methode="PUT", body=body.encode())
        assert antwoord.status == 401, (pad, antwoord.status, antwoord.body[:200])
    assert opstelling.ongewijzigd()


def test_pages_work_in_a_browser_under_the_csp(opstelling: Opstelling) -> None:
    """Headless Chromium through nginx: Fava's app, the editor (WebAssembly) and our page, no CSP violation."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("geen Chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")

    basis = f"http://127.0.0.1:{opstelling.nginx}"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(http_credentials={"username": GEBRUIKER, "password": WACHTWOORD})
            # Injected by the browser itself (not a page script): records every CSP violation.
            context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                                    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
            page = context.new_page()
            console: list[str] = []
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: console.append(str(e)))

            def schoon() -> None:
                assert page.evaluate("window.__csp") == []
                assert [m for m in console if "Content Security Policy" in m or "Content-Security" in m] == []

            page.goto(basis + GELDSTROMEN)
            page.locator("table.snw-tabel").wait_for(timeout=15000)
            page.locator("aside").first.wait_for(timeout=15000)  # Fava's app (a JS module) ran
            assert page.locator("article h2").first.inner_text().startswith("Geldstromen 2026")
            # Our inline <style> applies (style-src allows it).
            assert page.evaluate("getComputedStyle(document.querySelector('table.snw-tabel td.num')).textAlign") \
                == "right"
            schoon()

            page.goto(f"{basis}/{SLUG}/editor/")
            page.locator(".cm-editor").first.wait_for(timeout=15000)  # tree-sitter: WebAssembly
            schoon()

            # Fava's own navigation (fetch + insert) to our page.
            page.goto(f"{basis}/{SLUG}/income_statement/")
            page.locator("aside").first.wait_for(timeout=15000)
            page.wait_for_load_state("load")
            link = page.locator("aside a", has_text="Geldstromen").first
            for _ in range(20):
                link.click()
                try:
                    page.wait_for_url(f"**{GELDSTROMEN}", timeout=500)
                    break
                except sync_api.TimeoutError:
                    continue
            page.locator("table.snw-tabel").wait_for(timeout=15000)
            schoon()

            # The control: text that became HTML with an inline handler does not run, and is seen.
            page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend',"
                          " '<img src=\"/static/favicon.ico\" onload=\"window.__ran = 1\""
                          " onerror=\"window.__ran = 1\">')")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__ran") is None
            assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
        finally:
            browser.close()
