// How long a phone on a poor network takes from opening the join link to a usable screen.
// Chromium's CPU throttled 4× and a "Slow 4G"-like network (1.6 Mbit/s down, 750 kbit/s up,
// 150 ms round trip) through the DevTools protocol, a cold cache each run. Prints, per run and
// as medians: the join page's first paint, the join page live (its script — the phone's, or
// before that the wasm — has run and marked the body), and — after joining — the phone's jam
// screen live the same way; and which front-end files the phone fetched on the way (their
// bytes as sent, to compare with scripts/size-report.sh).
//
//   node end2end/measure/phone-start.mjs BASE_URL [RUNS]
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const runs = Number(process.argv[3] ?? 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
});

const hydrated = (page) => page.waitForFunction(() => document.body.dataset.hydrated === "true", null, { timeout: 120_000 });

// A jam to join, made by a projector without throttling.
const projector = await (await browser.newContext({ baseURL: base, locale: "sv-SE" })).newPage();
await projector.goto("/");
await hydrated(projector);
await projector.locator("textarea, input").first().fill("Mätning: telefonens start");
await projector.locator("form button[type=submit]").click();
await projector.waitForURL(/\/host\/[A-Z]{6}$/);
const code = projector.url().split("/").pop();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { paint: [], joinReady: [], phoneReady: [] };
let files = new Map();
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({
    baseURL: base, locale: "sv-SE", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const urls = new Map();
  const sizes = new Map();
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId);
    const path = url && new URL(url).pathname;
    if (path && (path.startsWith("/pkg/") || path.endsWith(".js"))) sizes.set(path, e.encodedDataLength);
  });

  const start = Date.now();
  await page.goto(`/j/${code}`, { waitUntil: "commit" });
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 120_000 });
  const paint = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0].startTime);
  await hydrated(page);
  const joinReady = Date.now() - start;
  await page.locator("input[name=name]").fill(`Mätare ${run + 1}`);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(/\/jam\/[A-Z]{6}$/, { timeout: 120_000 });
  // The jam screen itself, live: a new document whose body its script has marked.
  await page.waitForFunction(() => document.querySelector("main.phone[data-version]") && document.body.dataset.hydrated === "true", null, { timeout: 120_000 });
  const phoneReady = Date.now() - start;
  results.paint.push(Math.round(paint));
  results.joinReady.push(joinReady);
  results.phoneReady.push(phoneReady);
  files = sizes;
  console.log(`run ${run + 1}: first paint ${Math.round(paint)} ms, join page usable ${joinReady} ms, jam screen usable ${phoneReady} ms`);
  await context.close();
}
console.log(`median of ${runs}: first paint ${median(results.paint)} ms, join page usable ${median(results.joinReady)} ms, jam screen usable ${median(results.phoneReady)} ms`);
let total = 0;
for (const [path, bytes] of [...files].sort()) {
  console.log(`  ${path} ${bytes} B as sent`);
  total += bytes;
}
console.log(`  total: ${total} B (${(total / 1024).toFixed(1)} KiB)`);
await browser.close();
