// Which front-end files each kind of page loads (wasm, JS, CSS and any split chunk from /pkg
// fetched while it starts; the phone's script), one line each: "<page> <path>". Used by scripts/size-report.sh, which asks
// the server for each file's size as sent.
//
//   node end2end/measure/page-files.mjs BASE_URL
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
});
const hydrated = (page) => page.waitForFunction(() => document.body.dataset.hydrated === "true");

/** Opens a fresh browser on `path` (after `before`, if given) and answers the front-end files it
 *  fetched. */
async function filesOf(name, path, before) {
  const context = await browser.newContext({ baseURL: base, locale: "sv-SE" });
  const page = await context.newPage();
  if (before) await before(page);
  const files = new Set();
  page.on("request", (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith("/pkg/") || p.endsWith(".js")) files.add(p);
  });
  await page.goto(path);
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  for (const f of [...files].sort()) console.log(`${name} ${f}`);
  return page;
}

const host = await filesOf("start", "/");
await host.locator("textarea, input").first().fill("Storleksmätning");
await host.locator("form button[type=submit]").click();
await host.waitForURL(/\/host\/[A-Z]{6}$/);
const code = host.url().split("/").pop();
await filesOf("projector", `/host/${code}`, async (page) => {
  // The facilitator's cookie, so the page is the facilitator's.
  await page.context().addCookies(await host.context().cookies());
});
await filesOf("join", `/j/${code}`);
await filesOf("phone", `/jam/${code}`, async (page) => {
  await page.goto(`/j/${code}`);
  await page.getByLabel("Ditt namn").fill("Mätare");
  await page.getByRole("button", { name: "Gå med" }).click();
  await page.waitForURL(/\/jam\/[A-Z]{6}$/);
  // Then the jam screen loaded afresh, as a phone coming back to it (cached files count too).
});
await browser.close();
