import { Browser, BrowserContext, devices, expect, Page, test } from "@playwright/test";

// Every browser context a test opened (projector, phones) is closed after it: left open, their
// live channels, clocks and heartbeats would keep running through every later test.
test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((c) => c.close()));
});

/** A projector-sized desktop browser: the facilitator's screen. `baseURL` names another server
 *  than the one Playwright started. */
export function projector(browser: Browser, locale = "sv-SE", baseURL?: string): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1920, height: 1080 }, locale, ...(baseURL ? { baseURL } : {}) });
}

/** A phone: small touch screen, its own cookies. */
export function phone(browser: Browser, locale = "sv-SE", baseURL?: string): Promise<BrowserContext> {
  const pixel = devices["Pixel 7"];
  return browser.newContext({
    viewport: pixel.viewport,
    userAgent: pixel.userAgent,
    deviceScaleFactor: pixel.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    locale,
    ...(baseURL ? { baseURL } : {}),
  });
}

/** Joins the jam with `code` from a phone page under `name`; answers once the phone's screen,
 *  in the lobby, is live. */
export async function join(page: Page, code: string, name: string) {
  await page.goto(`/j/${code}`);
  await hydrated(page);
  await page.getByLabel("Ditt namn").fill(name);
  await page.getByRole("button", { name: "Gå med" }).click();
  await expect(page).toHaveURL(new RegExp(`/jam/${code}$`));
  await expect(page.getByRole("heading", { name: "Du är med!" })).toBeVisible();
  await hydrated(page);
}

/** Waits until the page is live: on a phone's page its script has run, elsewhere the wasm has
 *  taken over (each marks the body when it has). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.body.dataset.hydrated === "true");
}

/** Creates a jam on `topic` from the start page (of `base`, for a server of the test's own) and
 *  answers its code once the facilitator screen has hydrated. */
export async function createJam(host: Page, topic: string, base = ""): Promise<string> {
  await host.goto(`${base}/`);
  await hydrated(host);
  await host.getByLabel("Utmaning eller ämne").fill(topic);
  await host.getByRole("button", { name: "Skapa jam" }).click();
  await expect(host).toHaveURL(/\/host\/[A-Z]{6}$/);
  await hydrated(host);
  return host.url().split("/").pop()!;
}

/** What axe (the accessibility checker) finds wrong on `page` as it is now: rule and where. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** How wide the page is at normal and at double text size (the root font at 200 %, as a
 *  browser's text size setting does); both must be the phone's own width. */
export async function widthsAtTextSizes(page: Page): Promise<number[]> {
  const widths = [];
  for (const size of ["", "200%"]) {
    await page.evaluate((s) => (document.documentElement.style.fontSize = s), size);
    widths.push(await page.evaluate(() => document.scrollingElement!.scrollWidth));
  }
  await page.evaluate(() => (document.documentElement.style.fontSize = ""));
  return widths;
}
