#!/usr/bin/env python3
"""Loads pages in a real headless Chromium and prints what their DOM shows, as JSON.

    python3 Tests/Browser/dom.py /usr/bin/chromium < pages.json > facts.json

pages.json: a list of steps. {"url": ..., "headers": {...}, "screenshot": "file.png" (optional)}
loads a page; a url "@link:N" is the N-th link of the previous page's response body (a link a
user clicks). {"run": JS, "until": JS} does what a user does on the page shown (fill a form,
click a button: the page's own script sends it, or the browser navigates), then waits (10 s at
most) until the `until` expression is true on the page that results. Either may have
"probe": a same-origin path fetched with the browser's cookies as a JSON client
(`Accept: application/json`), its status and body reported: the API's view after the step.
For each step: the document's facts (`FACTS` below) and the dialogs a script opened, by type
(`alert(1)` from a value that was not escaped would open one; the DELETE button's `confirm` is
accepted). Talks the DevTools protocol over --remote-debugging-pipe (fds 3 and 4, NUL-separated
JSON): the standard library is enough.
"""
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time

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
    path: location.pathname,
    cookies: document.cookie.split("; ").filter((c) => c).map((c) => c.split("=")[0]).sort(),
    selects: all("form.html-form select").map((s) => s.name + ":" + (s.multiple ? "multiple:" : "") +
      [...s.options].map((o) => (o.selected ? "*" : "") + o.textContent).join("|")),
    filters: all(".filters input[name]").map((e) => e.name),
    ordering: all(".filter.ordering a").length,
    scripts: document.scripts.length,
  };
})()"""

PROBE = r"""fetch(%s, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
  .then((r) => r.text().then((body) => ({status: r.status, body: body})))"""


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
        self.dialogs = []

    def post(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def send(self, method, params=None, session=None):
        sent = self.post(method, params, session)
        while True:
            reply = self.receive()
            if reply.get("id") == sent:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.note(reply)

    def note(self, message):
        """An event (or the reply to a dialog's answer, dropped): a dialog is counted and
        accepted at once (a `confirm` blocks the script that opened it, and the command that ran
        that script waits for it), anything else kept for `wait_for`."""
        if message.get("method") == "Page.javascriptDialogOpening":
            self.dialogs.append(message["params"].get("type", "alert"))
            self.post("Page.handleJavaScriptDialog", {"accept": True}, session=message.get("sessionId"))
        elif "method" in message:
            self.events.append(message)

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
            self.note(self.receive())

    def evaluate(self, expression, session, wait=False):
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": wait}, session=session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}...: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_until(self, expression, session, seconds=10):
        """Polls `expression` on whatever page is shown (a navigation in between is fine)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.evaluate(f"Boolean({expression})", session):
                    return
            except RuntimeError:  # the page is being replaced: no context to evaluate in yet
                pass
            time.sleep(0.05)
        raise RuntimeError(f"timed out waiting until {expression}")

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
                tools.dialogs = []
                if "run" in page:
                    tools.evaluate("(() => {" + page["run"] + "})()", session)
                    tools.wait_until(page["until"], session)
                    url = tools.evaluate("location.href", session)
                else:
                    url = page["url"]
                    if url.startswith("@link:"):
                        url = previous["bodyLinks"][int(url[len("@link:"):])]
                    tools.send("Network.setExtraHTTPHeaders", {"headers": page.get("headers", {})}, session=session)
                    # A load event of an earlier step's navigation may still be queued or on its
                    # way: drop the queued ones, and wait until this very page is complete.
                    tools.events = [e for e in tools.events if e.get("method") != "Page.loadEventFired"]
                    tools.send("Page.navigate", {"url": url}, session=session)
                    tools.wait_for("Page.loadEventFired", session)
                    tools.wait_until(f'document.readyState == "complete" && location.href == {json.dumps(url)}', session)
                facts = tools.evaluate(FACTS, session)
                facts["url"] = url
                facts["dialogs"] = len(tools.dialogs)
                facts["dialogTypes"] = tools.dialogs
                if page.get("probe"):
                    facts["probe"] = tools.evaluate(PROBE % json.dumps(page["probe"]), session, wait=True)
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
