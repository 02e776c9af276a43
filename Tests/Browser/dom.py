#!/usr/bin/env python3
"""Loads pages in a real headless Chromium and prints what their DOM shows, as JSON.

    python3 Tests/Browser/dom.py /usr/bin/chromium < pages.json > facts.json

pages.json: a list of {"url": ..., "headers": {...}, "screenshot": "file.png" (optional)}; a url
"@link:N" is the N-th link of the previous page's response body (a link a user clicks). For
each page: the document's facts (`FACTS` below) and whether a script opened a dialog
(`alert(1)` from a value that was not escaped would). Talks the DevTools protocol over
--remote-debugging-pipe (fds 3 and 4, NUL-separated JSON): the standard library is enough.
"""
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile

FACTS = r"""(() => {
  const one = (s) => document.querySelector(s);
  const all = (s) => [...document.querySelectorAll(s)];
  const user = one(".navbar .user");
  return {
    title: document.title,
    name: one("h1") && one("h1").textContent,
    breadcrumbs: all(".breadcrumb a").map((a) => a.textContent),
    request: one(".request-info pre") && one(".request-info pre").textContent,
    status: one(".response-info .status") && one(".response-info .status").textContent,
    headers: all(".response-info .meta b").map((b) => b.textContent),
    bodyLinks: all(".response-body a[href]").map((a) => a.href),
    body: one(".response-body") && one(".response-body").textContent,
    next: one("a.next") && one("a.next").href,
    forms: all("form[data-method]").map((f) => f.getAttribute("data-method")),
    buttons: all("button").map((b) => b.textContent),
    fields: all("form.html-form [name]").map((e) => e.tagName.toLowerCase() + ":" + (e.getAttribute("type") || "") + ":" + e.name),
    rawMediaType: one("select[name=_content_type]") && one("select[name=_content_type]").value,
    rawContent: one("textarea[name=_content]") && one("textarea[name=_content]").value,
    login: one("a.login") && one("a.login").getAttribute("href"),
    user: user && user.textContent,
    userChildElements: user ? user.children.length : null,
    logout: one("form.logout") && one("form.logout").getAttribute("action"),
    filters: all(".filters input[name]").map((e) => e.name),
    ordering: all(".filter.ordering a").length,
    scripts: document.scripts.length,
  };
})()"""


class DevTools:
    def __init__(self, chromium, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire():  # the browser reads commands on fd 3 and writes answers on fd 4
            # Through fds above both, so neither end is overwritten by the other's dup2.
            read_end = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--user-data-dir=" + profile, "--window-size=1200,1600", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire,  # kept open past close_fds, which runs after wire()
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.dialogs = 0

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session):
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[index]
                    return event
                if event.get("method") == "Page.javascriptDialogOpening":
                    # A script of the page (an unescaped value's) opened a dialog: count it, close it.
                    del self.events[index]
                    self.dialogs += 1
                    self.send("Page.handleJavaScriptDialog", {"accept": True}, session=event.get("sessionId"))
                    break
            else:
                self.events.append(self.receive())

    def close(self):
        try:
            self.send("Browser.close")
        except RuntimeError:
            pass
        self.process.wait(timeout=20)


def main():
    chromium = sys.argv[1]
    pages = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as profile:
        tools = DevTools(chromium, profile)
        try:
            target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Network", "Runtime"):
                tools.send(domain + ".enable", session=session)
            results, previous = [], None
            for page in pages:
                url = page["url"]
                if url.startswith("@link:"):
                    url = previous["bodyLinks"][int(url[len("@link:"):])]
                tools.send("Network.setExtraHTTPHeaders", {"headers": page.get("headers", {})}, session=session)
                tools.dialogs = 0
                tools.send("Page.navigate", {"url": url}, session=session)
                tools.wait_for("Page.loadEventFired", session)
                facts = tools.send(
                    "Runtime.evaluate", {"expression": FACTS, "returnByValue": True}, session=session)["result"]["value"]
                facts["url"] = url
                facts["dialogs"] = tools.dialogs + sum(
                    1 for e in tools.events if e.get("method") == "Page.javascriptDialogOpening")
                if page.get("screenshot"):
                    shot = tools.send("Page.captureScreenshot", {"format": "png"}, session=session)
                    with open(page["screenshot"], "wb") as out:
                        out.write(base64.b64decode(shot["data"]))
                results.append(facts)
                previous = facts
        finally:
            tools.close()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
