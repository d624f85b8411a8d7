#!/usr/bin/env python3
"""End-to-end tests of Observer Registry in Debian's Chromium, through chromedriver.

Speaks the W3C WebDriver protocol over HTTP with the standard library only, so that nothing is
downloaded at run time: the browser is /usr/bin/chromium and the driver /usr/bin/chromedriver.

    python3 tests/browser/e2e.py BINARY [SCREENSHOT_DIR]

starts BINARY (the observer-registry server) on a fresh SQLite database with the built-in seed,
walks it as a voter on a phone would (search an organization, open it, follow a verdict to its
election, switch to Russian) and checks at 360 px that nothing is wider than the screen. It
writes screenshots at 360 and 1280 px into SCREENSHOT_DIR (default target/screenshots).
"""

import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

# Pages checked at 360 px for sideways scrolling, in each language.
PHONE_PAGES = [
    "/",
    "/organizations",
    "/organizations/sco",
    "/elections",
    "/elections/tjk-2020-03-01-parliamentary",
    "/individuals",
    "/individuals/vladimir-norov",
    "/methodology",
    "/guide",
    "/trends",
    "/about",
    "/search?q=%D0%A8%D0%9E%D0%A1",
    "/vet",
    "/downloads",
    "/countries",
    "/no/such/page",
    "/login",
    "/reply/organization/sco",
    "/correct/election/tjk-2020-03-01-parliamentary",
    "/history/organization/sco",
    "/changes",
]

# Elements wider than the viewport that do not scroll the page: none is expected, so the check
# names any, except those inside a box that scrolls on its own.
WIDE_ELEMENTS = """
const width = document.documentElement.clientWidth;
const scrolls = (el) => {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
  }
  return false;
};
return Array.from(document.querySelectorAll('body *'))
  .filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 1 || r.left < -1) && !scrolls(el)
      && getComputedStyle(el).position !== 'absolute';
  })
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(el.getBoundingClientRect().right));
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds} s")


class Browser:
    """One WebDriver session."""

    def __init__(self, driver, width, height, phone):
        self.driver = driver
        options = {
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     f"--window-size={width},{height}"],
        }
        if phone:
            options["mobileEmulation"] = {
                "deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.0}
            }
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": options}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        request = urllib.request.Request(self.driver + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response).get("value")
        except urllib.error.HTTPError as err:
            raise AssertionError(f"{method} {path}: {err.read().decode()[:500]}") from None

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        found = self.s("POST", "/elements", {"using": "css selector", "value": css})
        return [f[ELEMENT] for f in found]

    def one(self, css):
        found = self.find(css)
        assert found, f"no element matches {css} on {self.url()}"
        return found[0]

    def click(self, element):
        """Clicks a link or a submit button and waits until the page it leads to has loaded:
        WebDriver's click returns before a navigation ends, and the old page's URL would be read."""
        self.js("window.__e2e_before_click = true")
        self.s("POST", f"/element/{element}/click")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.js("return !window.__e2e_before_click && document.readyState === 'complete'"):
                    return
            except AssertionError:
                pass  # the old document went away while the script ran
            time.sleep(0.05)
        raise AssertionError(f"no page loaded after a click, still at {self.url()}")

    def type(self, element, text):
        self.s("POST", f"/element/{element}/value", {"text": text})

    def text(self, element):
        return self.s("GET", f"/element/{element}/text")

    def attr(self, element, name):
        return self.s("GET", f"/element/{element}/attribute/{name}")

    def url(self):
        return self.s("GET", "/url")

    def lang(self):
        return self.js("return document.documentElement.lang")

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def full_screenshot(self, path, width):
        height = self.js("return document.documentElement.scrollHeight")
        self.s("POST", "/window/rect", {"width": width, "height": min(height, 6000)})
        self.screenshot(path)

    def close(self):
        try:
            self.s("DELETE", "")
        except AssertionError:
            pass


def voter_on_a_phone(b, base, shots):
    """Search an organization, open it, follow a verdict to its election, switch to Russian."""
    b.go(base + "/")
    assert b.js("return window.innerWidth") == 360, b.js("return window.innerWidth")
    search = b.one("#q")
    b.type(search, "SCO")
    b.click(b.one("form.search button[type=submit]"))
    assert "/organizations?q=SCO" in b.url(), b.url()
    link = next(e for e in b.find("tbody a") if b.attr(e, "href").endswith("/organizations/sco"))
    b.click(link)
    assert b.url().endswith("/organizations/sco"), b.url()
    assert "Shanghai Cooperation Organisation" in b.text(b.one("h1"))
    assert b.text(b.one(".verdict-box .rating")), "the rating is shown in words"
    b.screenshot(os.path.join(shots, "organization-360.png"))
    verdict_link = b.one("table.missions td a[href^='/elections/']")
    election = b.attr(verdict_link, "href")
    b.click(verdict_link)
    assert b.url().endswith(election), (b.url(), election)
    assert b.find("section.consensus"), "the election says what credible observers found"
    b.screenshot(os.path.join(shots, "election-360.png"))
    b.click(b.one("nav.languages a[hreflang=ru]"))
    assert b.lang() == "ru", b.lang()
    assert "Что обнаружили добросовестные наблюдатели" in b.text(b.one("section.consensus h2"))
    # The choice is kept: a page opened without ?lang= is in Russian too.
    b.go(base + "/organizations/sco")
    assert b.lang() == "ru", b.lang()
    assert "Недобросовестный" in b.text(b.one(".verdict-box .rating"))
    b.click(b.one("a[href='/guide']"))
    assert b.lang() == "ru" and "Как отличить" in b.text(b.one("h1"))
    b.screenshot(os.path.join(shots, "guide-ru-360.png"))


CURATOR, PASSWORD = "e2e-curator", "a long enough passphrase"


def someone_named_replies(b, base, shots):
    """A group the registry names sends a reply through the public form, in French."""
    b.go(base + "/organizations/sco?lang=fr")
    b.click(b.one("a[href='/reply/organization/sco']"))
    assert b.url().endswith("/reply/organization/sco"), b.url()
    assert b.lang() == "fr", b.lang()
    b.type(b.one("#author_name"), "Secrétariat de l'OCS")
    b.type(b.one("#author_contact"), "press@example.org")
    b.type(b.one("#body"), "Nous contestons cette évaluation.")
    b.screenshot(os.path.join(shots, "reply-fr-360.png"))
    b.click(b.one("main form.stacked button[type=submit]"))
    assert "moderation" in b.text(b.one("main")).lower() or "modération" in b.text(b.one("main")).lower(), \
        b.text(b.one("main"))


def curator_edits_and_moderates(b, base, shots):
    """A curator signs in, edits an organization, sees the change and its history, accepts the
    reply, and signs out."""
    b.go(base + "/login?lang=en")
    b.type(b.one("#login-name"), CURATOR)
    b.type(b.one("#login-password"), PASSWORD)
    b.click(b.one("form[action='/login'] button[type=submit]"))
    assert CURATOR in b.text(b.one(".account-bar")), "the curator is signed in"
    b.go(base + "/organizations/sco")
    b.click(b.one("a[href='/edit/organization/sco']"))
    website = b.one("#field-website")
    b.js("arguments[0].value = ''", {ELEMENT: website})
    b.type(website, "https://eng.sectsco.org/")
    b.screenshot(os.path.join(shots, "edit-360.png"))
    b.click(b.one("form.edit-form button[type=submit]"))
    assert b.url().endswith("/organizations/sco"), b.url()
    b.click(b.one("a[href='/history/organization/sco']"))
    assert CURATOR in b.text(b.one("main")), "the history names who changed the record"
    assert "https://eng.sectsco.org/" in b.text(b.one("main"))
    b.go(base + "/moderation")
    assert "Nous contestons cette évaluation." in b.text(b.one("main"))
    b.screenshot(os.path.join(shots, "moderation-360.png"))
    accept = next(e for e in b.find("form.decision button[type=submit]") if b.attr(e, "value") == "accept")
    b.click(accept)
    b.go(base + "/logout")
    b.click(b.one("form[action='/logout'] button[type=submit]"))
    assert not b.find(".account-bar"), "signed out"
    b.go(base + "/organizations/sco")
    assert "Nous contestons cette évaluation." in b.text(b.one("main")), "the accepted reply is shown"
    assert "press@example.org" not in b.text(b.one("body")), "the contact is never shown"


def nothing_scrolls_sideways(b, base):
    # The check itself must see a page that is too wide: one made so on purpose.
    b.go(base + "/about")
    b.js("const d = document.createElement('div'); d.id = 'too-wide';"
         "d.style.width = '600px'; d.textContent = 'x'; document.querySelector('main').append(d);")
    assert b.js("return document.documentElement.scrollWidth") > 360
    assert any("too-wide" in w or w.startswith("div") for w in b.js(WIDE_ELEMENTS)), b.js(WIDE_ELEMENTS)
    problems = []
    for lang in ["en", "ru", "fr"]:
        for page in PHONE_PAGES:
            sep = "&" if "?" in page else "?"
            b.go(f"{base}{page}{sep}lang={lang}")
            width = b.js("return document.documentElement.scrollWidth")
            if width > 360:
                problems.append(f"{page} [{lang}]: the page is {width} px wide")
            wide = b.js(WIDE_ELEMENTS)
            if wide:
                problems.append(f"{page} [{lang}]: wider than the screen: {wide}")
    assert not problems, "\n".join(problems)


def main():
    binary = sys.argv[1]
    shots = sys.argv[2] if len(sys.argv) > 2 else "target/screenshots"
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="registry-e2e-")
    app_port, driver_port = free_port(), free_port()
    base = f"http://127.0.0.1:{app_port}"
    database = os.path.join(work, "r.db")
    subprocess.run([binary, "user", "add", CURATOR, "--role", "curator", "--database-url", database],
                   input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
    app = subprocess.Popen([binary, "serve", "--database-url", os.path.join(work, "r.db"),
                            "--port", str(app_port)],
                           stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "app.log"), "w"))
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={driver_port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browsers = []
    try:
        wait_for(base + "/")
        wait_for(f"http://127.0.0.1:{driver_port}/status")
        phone = Browser(f"http://127.0.0.1:{driver_port}", 360, 800, phone=True)
        browsers.append(phone)
        voter_on_a_phone(phone, base, shots)
        print("ok: a voter finds an organization, its election and the Russian pages at 360 px")
        someone_named_replies(phone, base, shots)
        print("ok: a named group replies through the public form, in French, at 360 px")
        curator_edits_and_moderates(phone, base, shots)
        print("ok: a curator signs in, edits a record, reads its history, accepts the reply, signs out")
        nothing_scrolls_sideways(phone, base)
        print(f"ok: {len(PHONE_PAGES)} pages in 3 languages are no wider than 360 px")
        for name, page in [("home", "/"), ("organization", "/organizations/sco"),
                           ("trends", "/trends"), ("guide", "/guide")]:
            phone.go(f"{base}{page}?lang=ru")
            phone.screenshot(os.path.join(shots, f"{name}-ru-360.png"))
        desk = Browser(f"http://127.0.0.1:{driver_port}", 1280, 900, phone=False)
        browsers.append(desk)
        for name, page in [("home", "/"), ("organization", "/organizations/sco"),
                           ("election", "/elections/tjk-2020-03-01-parliamentary"),
                           ("trends", "/trends")]:
            desk.go(f"{base}{page}")
            desk.screenshot(os.path.join(shots, f"{name}-1280.png"))
        print(f"ok: screenshots at 360 and 1280 px in {shots}")
    finally:
        for b in browsers:
            b.close()
        driver.terminate()
        app.terminate()
        driver.wait(10)
        app.wait(10)


if __name__ == "__main__":
    main()
