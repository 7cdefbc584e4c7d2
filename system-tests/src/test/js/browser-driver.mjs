// Drives Debian's headless chromium through puppeteer-core on behalf of the Java end-to-end tests of the
// operator console and of the stock Socket.IO Admin UI. One browser, one page.
//
// Usage: node browser-driver.mjs <path of chromium>
//
// Protocol: one JSON command per line on stdin, one JSON line per answer or event on stdout (nothing else goes
// to stdout; diagnostics go to stderr). Every command carries an id and is answered once:
//   {"type":"result","id":1,"ok":true,"value":...}   or   {"type":"result","id":1,"ok":false,"error":"..."}
//
// Commands:
//   {"id":1,"op":"goto","url":"http://127.0.0.1:PORT/console/"}   -> {status, headers} of the document
//   {"id":2,"op":"fill","selector":"#login-token","value":"..."}  clears the field, then types
//   {"id":3,"op":"click","selector":"#login-submit"}
//   {"id":4,"op":"waitText","selector":"...","text":"...","timeoutMs":10000}  until an element matching the
//                                              selector contains the text (with "exact":true, has it alone,
//                                              spaces around aside); -> that element's text
//   {"id":5,"op":"waitGone","selector":"...","timeoutMs":10000}  until nothing matches
//   {"id":6,"op":"texts","selector":"..."}     -> the text of every element matching
//   {"id":7,"op":"cookies"}                    -> the page's cookies (name, value, httpOnly, sameSite, secure, path)
//   {"id":8,"op":"storage"}                    -> {local, session, href}: what the page keeps where scripts read
//   {"id":9,"op":"clearStorage"}               empties the page's localStorage and sessionStorage
//   {"id":10,"op":"screenshot","path":"/abs/file.png"}
//   {"id":11,"op":"exit"}
//
// Events: {"type":"ready"} once the browser runs; {"type":"console","level","text"} for the page's console
// messages (a CSP violation is reported there); {"type":"pageerror","text"}; {"type":"requestfailed","url","error"}.
//
// Selectors are CSS or puppeteer's own (::-p-aria(...), ::-p-xpath(...)): a page that is not ours, such as the
// Admin UI's build, has generated ids, and its fields are found by their labels.
//
// Waiting polls from here (page.evaluate every 100 ms) rather than with page.waitForFunction, so nothing the
// driver does needs 'unsafe-eval' in the page the console's CSP protects.
//
// The browser resolves no host but localhost and 127.0.0.1: the tests reach 127.0.0.1 only, and a page that links
// fonts or styles from a CDN (the Admin UI's index.html does) gets a failed request instead of traffic leaving the
// machine.

import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const POLL_MILLIS = 100;
const DEFAULT_TIMEOUT_MS = 10000;

function out(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

const executablePath = process.argv[2];
if (!executablePath) {
  process.stderr.write("usage: node browser-driver.mjs <path of chromium>\n");
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  // --no-sandbox: CI runs as root, where chromium's sandbox cannot start. --headless=new: the same browser as
  // a headed one, without a display.
  args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--no-default-browser-check", "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"],
  defaultViewport: { width: 1280, height: 860 },
});
const page = await browser.newPage();
page.on("console", (message) => out({ type: "console", level: message.type(), text: message.text() }));
page.on("pageerror", (error) => out({ type: "pageerror", text: String(error?.message ?? error) }));
page.on("requestfailed", (request) => out({ type: "requestfailed", url: request.url(),
  error: request.failure()?.errorText ?? "unknown" }));

async function until(description, timeoutMs, probe) {
  const deadline = Date.now() + (timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let last;
  for (;;) {
    try {
      last = await probe();
    } catch (error) {
      // A page that navigates or re-renders meanwhile may take the probed elements away: look again.
      last = { done: false, seen: `${error.name}: ${error.message}` };
    }
    if (last.done) return last.value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs ?? DEFAULT_TIMEOUT_MS} ms waiting for ${description}; saw: ${JSON.stringify(last.seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
  }
}

function texts(selector) {
  return page.$$eval(selector, (elements) => elements.map((element) => element.textContent));
}

const operations = {
  async goto({ url }) {
    const response = await page.goto(url, { waitUntil: "networkidle0" });
    return { status: response.status(), headers: response.headers() };
  },
  async fill({ selector, value }) {
    await page.waitForSelector(selector, { visible: true, timeout: DEFAULT_TIMEOUT_MS });
    await page.click(selector, { clickCount: 3 });
    await page.$eval(selector, (element) => { element.value = ""; });
    await page.type(selector, value);
    return null;
  },
  async click({ selector }) {
    await page.waitForSelector(selector, { visible: true, timeout: DEFAULT_TIMEOUT_MS });
    await page.click(selector);
    return null;
  },
  async waitText({ selector, text, timeoutMs, exact }) {
    return until(`'${text}' in ${selector}`, timeoutMs, async () => {
      const seen = await texts(selector);
      const match = seen.find((candidate) => (exact ? candidate.trim() === text : candidate.includes(text)));
      return { done: match !== undefined, value: match, seen };
    });
  },
  async waitGone({ selector, timeoutMs }) {
    return until(`no ${selector}`, timeoutMs, async () => {
      const seen = await texts(selector);
      return { done: seen.length === 0, value: null, seen };
    });
  },
  async texts({ selector }) {
    return texts(selector);
  },
  async cookies() {
    const cookies = await page.cookies();
    return cookies.map(({ name, value, httpOnly, sameSite, secure, path }) => ({ name, value, httpOnly, sameSite,
      secure, path }));
  },
  async storage() {
    return page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage }, href: location.href }));
  },
  async clearStorage() {
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    return null;
  },
  async screenshot({ path }) {
    await page.screenshot({ path, fullPage: true });
    return path;
  },
  async exit() {
    await browser.close();
    process.exit(0);
  },
};

out({ type: "ready", version: await browser.version() });

const lines = createInterface({ input: process.stdin });
// One command at a time, in order: a test's steps depend on each other.
let queue = Promise.resolve();
lines.on("line", (line) => {
  queue = queue.then(() => handle(line));
});
lines.on("close", () => {
  queue.then(() => browser.close()).finally(() => process.exit(0));
});

async function handle(line) {
  let command;
  try {
    command = JSON.parse(line);
  } catch (error) {
    out({ type: "result", id: null, ok: false, error: `not JSON: ${line}` });
    return;
  }
  const operation = operations[command.op];
  if (!operation) {
    out({ type: "result", id: command.id, ok: false, error: `unknown op '${command.op}'` });
    return;
  }
  try {
    out({ type: "result", id: command.id, ok: true, value: (await operation(command)) ?? null });
  } catch (error) {
    out({ type: "result", id: command.id, ok: false, error: `${error.name}: ${error.message}` });
  }
}
