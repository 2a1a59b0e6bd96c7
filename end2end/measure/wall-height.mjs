// How many screen heights the room's wall takes at 1920×1080 with N problem notes (40, 60,
// 80…): four phones write them (the 40 notes of the browser tests, then the same with their
// words reversed), the facilitator reveals all, then opens the vote. Prints the room screen's
// page height in screens for the reveal (with authors) and the vote (without).
//
//   node end2end/measure/wall-height.mjs BASE_URL [N]
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const count = Number(process.argv[3] ?? 80);
if (count % 4 !== 0 || count > 80) throw new Error("N: a multiple of 4, at most 80");
const forty = JSON.parse(readFileSync(new URL("../tests/forty-notes.json", import.meta.url), "utf8"));
const notes = [...forty, ...forty.map((n) => n.split(" ").reverse().join(" "))].slice(0, count);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
});
const hydrated = (page) => page.waitForFunction(() => document.body.dataset.hydrated === "true");
const laptop = await browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: base, locale: "sv-SE" });
const host = await laptop.newPage();
await host.goto("/");
await hydrated(host);
await host.locator("textarea, input").first().fill("Hur får vi fler att flytta till Haparanda?");
await host.locator("form button[type=submit]").click();
await host.waitForURL(/\/host\/[A-Z]{6}$/);
await hydrated(host);
const code = host.url().split("/").pop();
const room = await laptop.newPage();
await room.goto(`/room/${code}`);
await hydrated(room);

const phones = [];
for (const name of ["Anna", "Bo", "Cai", "Dina"]) {
  const p = await (await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: base, locale: "sv-SE" })).newPage();
  await p.goto(`/j/${code}`);
  await hydrated(p);
  await p.locator("input[name=name]").fill(name);
  await p.locator("form button[type=submit]").click();
  await p.waitForURL(/\/jam\/[A-Z]{6}$/);
  await hydrated(p);
  phones.push(p);
}
const roundIs = (page, name) => page.waitForFunction((n) => document.querySelector("[data-testid=round-name]")?.textContent === n, name);
await host.getByTestId("next-round").click();
await host.getByTestId("next-round").click();
await roundIs(phones[0], "Problem");
const each = count / 4;
for (let i = 0; i < each; i++) {
  await Promise.all(
    phones.map(async (p, j) => {
      const text = notes[j * each + i];
      const before = await p.getByTestId("my-notes").locator("li").count().catch(() => 0);
      await p.getByRole("textbox").first().fill(text);
      await p.locator("form.composer button[type=submit]").click();
      await p.waitForFunction((n) => document.querySelectorAll("[data-testid=my-notes] li").length > n, before);
    }),
  );
}
const screens = () => room.evaluate(() => document.scrollingElement.scrollHeight / window.innerHeight);
await host.getByTestId("next-round").click();
await host.getByRole("button", { name: "Visa alla" }).click();
await room.waitForFunction((n) => document.querySelectorAll("[data-testid=card]").length === n, count);
console.log(`${count} notes, reveal (with authors): ${(await screens()).toFixed(2)} screens`);
await host.getByTestId("next-round").click();
await roundIs(room, "Rösta på problem");
await room.waitForFunction((n) => document.querySelectorAll("[data-testid=card]").length === n, count);
console.log(`${count} notes, vote: ${(await screens()).toFixed(2)} screens`);
await browser.close();
