import { Browser, expect, Locator, Page, test } from "@playwright/test";
import * as fs from "node:fs";
import { freshDatabase, Instance } from "./instance";
import { axeViolations, createJam, hydrated, join, phone, projector, widthsAtTextSizes } from "./screens";

// A whole Lightning Decision Jam: a projector and three phones, in Swedish, from the lobby to
// the prioritized action list; once on one server, once on two instances sharing PostgreSQL.

function item(list: Locator, text: string): Locator {
  return list.locator("li", { hasText: text });
}

/** Does `action` on `page` and answers the jam's version after the command it sent: a
 *  facilitator's screen sends commands to `/api/command`, a phone posts its forms (asking for
 *  the same answer). */
async function sent(page: Page, action: () => Promise<void>): Promise<number> {
  const answer = page.waitForResponse(
    (r) => r.url().endsWith("/api/command") || (r.request().method() === "POST" && /\/jam\/[A-Z]{6}\/\w+$/.test(r.url())),
  );
  await action();
  const response = await answer;
  expect(response.ok()).toBe(true);
  return Number(await response.text());
}

/** The version `page` shows now. */
async function currentVersion(page: Page): Promise<number> {
  return Number(await page.locator("main").getAttribute("data-version"));
}

/** Waits until `page` shows the jam at `version` or later, so that what it does not show is
 *  really absent and not just on its way. */
async function caughtUp(page: Page, version: number) {
  await expect
    .poll(() => currentVersion(page))
    .toBeGreaterThanOrEqual(version);
}

/** Where the screens talk to: by default the server Playwright started; otherwise the projector
 *  on one Blixt instance and the phones on another. */
interface Sites {
  host?: string;
  phones?: string;
}

async function wholeJam(browser: Browser, sites: Sites = {}) {
  const host = await (await projector(browser, "sv-SE", sites.host)).newPage();
  const code = await createJam(host, "Hur får vi fler att flytta till Haparanda?");

  const [anna, bo, cai] = await Promise.all([1, 2, 3].map(async () => (await phone(browser, "sv-SE", sites.phones)).newPage()));
  const phones = [anna, bo, cai];
  await join(anna, code, "Anna");
  await join(bo, code, "Bo");
  await join(cai, code, "Cai");
  await expect(host.getByTestId("participant-count")).toHaveText("3");

  // What the accessibility checker finds on the projector and a phone at the end of every round,
  // with the round's notes, votes and forms on screen (once: the run on PostgreSQL shows the
  // same pages).
  const violations: string[] = [];
  const check = async () => {
    if (sites.host) return;
    const round = (await host.getByTestId("round-name").count()) ? await host.getByTestId("round-name").innerText() : "Lobby";
    for (const [screen, page] of [["projector", host], ["phone", anna]] as const) {
      for (const v of await axeViolations(page)) violations.push(`${round}, ${screen}: ${v}`);
    }
  };
  const next = async (round: string) => {
    await check();
    await host.getByTestId("next-round").click();
    await expect(host.getByTestId("round-name")).toHaveText(round);
    // Every phone follows by itself.
    for (const p of phones) await expect(p.getByTestId("round-name")).toHaveText(round);
  };
  const write = async (p: Page, text: string) => {
    await p.getByRole("textbox").first().fill(text);
    const version = await sent(p, () => p.getByRole("button", { name: "Lägg till lapp" }).click());
    await expect(p.getByTestId("my-notes")).toContainText(text);
    return version;
  };

  // 1. What's working.
  await next("Vad fungerar?");
  await expect(host.getByTestId("countdown")).toHaveText(/^[34]:\d\d/);
  await expect(anna.getByTestId("countdown")).toHaveText(/^[34]:\d\d/);
  await write(anna, "Bra bibliotek");
  await expect(item(host.getByTestId("progress"), "Anna")).toContainText("1");

  // 2. Problems, silently: nobody else sees them.
  await next("Problem");
  await write(anna, "Mörkt på vintern");
  const jobs = await write(bo, "Få jobb");
  await write(cai, "Skolan långt bort");
  await write(bo, "Tillfälligt");
  const deleted = await sent(bo, () =>
    item(bo.getByTestId("my-notes"), "Tillfälligt").getByRole("button", { name: "Ta bort" }).click(),
  );
  await caughtUp(bo, deleted);
  await expect(bo.getByTestId("my-notes")).not.toContainText("Tillfälligt");
  for (const page of [anna, host]) {
    await caughtUp(page, jobs);
    await expect(page.locator("body")).not.toContainText("Få jobb");
  }
  await expect(item(host.getByTestId("progress"), "Bo")).toContainText("1");
  // Bo's phone reloads mid-round: nothing lost.
  await bo.reload();
  await hydrated(bo);
  await expect(bo.getByTestId("my-notes")).toContainText("Få jobb");

  // 3. Reveal.
  await next("Visa lapparna");
  await expect(anna.locator("body")).not.toContainText("Få jobb");
  await host.getByRole("button", { name: "Visa alla" }).click();
  await expect(host.getByTestId("wall").last()).toContainText("Få jobb");
  await expect(anna.getByTestId("wall").last()).toContainText("Få jobb");
  // The reveal shows who wrote what; voting will not (nobody votes for a name).
  await expect(item(anna.getByTestId("wall").last(), "Få jobb")).toContainText("Bo");

  // 4. Dot voting on problems: 3 dots each, tallies and authors hidden until voting closes.
  await next("Rösta på problem");
  await expect(host.getByTestId("wall")).toContainText("Få jobb");
  await expect(host.getByTestId("wall")).not.toContainText("Bo");
  await expect(anna.getByTestId("ballot")).toContainText("Få jobb");
  await expect(anna.getByTestId("ballot")).not.toContainText("Bo");
  const vote = async (p: Page, text: string, left: number) => {
    await item(p.getByTestId("ballot"), text).getByRole("button", { name: /Sätt prick/ }).click();
    await expect(p.getByTestId("dots-left")).toContainText(`${left} prick`);
  };
  await vote(anna, "Få jobb", 2);
  await vote(anna, "Få jobb", 1);
  await vote(anna, "Skolan", 0);
  for (const button of await anna.getByRole("button", { name: /Sätt prick/ }).all()) await expect(button).toBeDisabled();
  await item(anna.getByTestId("ballot"), "Skolan").getByRole("button", { name: /Ta tillbaka/ }).click();
  await expect(anna.getByTestId("dots-left")).toContainText("1 prick kvar");
  await vote(anna, "Skolan", 0);
  await vote(bo, "Få jobb", 2);
  await vote(bo, "Skolan", 1);
  await bo.reload();
  await hydrated(bo);
  await expect(bo.getByTestId("dots-left")).toContainText("1 prick kvar");
  await vote(bo, "Mörkt", 0);
  await vote(cai, "Skolan", 2);
  await vote(cai, "Skolan", 1);
  const lastVote = await sent(cai, () =>
    item(cai.getByTestId("ballot"), "Få jobb").getByRole("button", { name: /Sätt prick/ }).click(),
  );
  await expect(cai.getByTestId("dots-left")).toContainText("0 prick");
  for (const page of [host, ...phones]) {
    await caughtUp(page, lastVote);
    await expect(page.locator("body")).not.toContainText(/\d röst/);
  }

  // 5. Prioritize: order by votes, the tie marked; the facilitator orders it and chooses.
  // A second facilitator tab that has not heard of the change presses "next" too: the jam
  // moves one round, not two.
  const stale = await host.context().newPage();
  await stale.route("**/live/**", (route) => route.abort());
  await stale.goto(`/host/${code}`);
  await hydrated(stale);
  await next("Prioritera problem");
  await expect(stale.getByTestId("round-name")).toHaveText("Rösta på problem");
  const [moved, again] = [await currentVersion(host), await sent(stale, () => stale.getByTestId("next-round").click())];
  expect(again).toBe(moved);
  await stale.close();
  for (const p of [host, ...phones]) await expect(p.getByTestId("round-name")).toHaveText("Prioritera problem");
  const ranking = host.getByTestId("ranking");
  await expect(ranking.getByTestId("ranked")).toHaveCount(3);
  await expect(ranking.getByTestId("ranked").nth(0)).toContainText("Få jobb");
  await expect(ranking.getByTestId("ranked").nth(0)).toContainText("4 röster");
  await expect(ranking.getByTestId("ranked").nth(0)).toContainText("Lika");
  await expect(ranking.getByTestId("ranked").nth(1)).toContainText("Skolan långt bort");
  await expect(ranking.getByTestId("ranked").nth(2)).toContainText("1 röst");
  // Only ties can be reordered: no button moves a note past one with other votes.
  await expect(item(ranking, "Mörkt").getByRole("button", { name: /Upp|Ned/ })).toHaveCount(0);
  await expect(item(ranking, "Få jobb").getByRole("button", { name: /Upp/ })).toHaveCount(0);
  await expect(item(ranking, "Skolan").getByRole("button", { name: /Ned/ })).toHaveCount(0);
  await item(ranking, "Skolan").getByRole("button", { name: /Upp/ }).click();
  await expect(ranking.getByTestId("ranked").nth(0)).toContainText("Skolan långt bort");
  await expect(anna.getByTestId("ranking").getByTestId("ranked").nth(0)).toContainText("Skolan långt bort");
  await item(ranking, "Skolan").getByRole("button", { name: "Välj" }).click();
  await expect(item(ranking, "Skolan").getByRole("button", { name: "Vald" })).toBeVisible();

  // 6. Reframe: phones propose, the facilitator picks one.
  await next("Formulera om");
  await expect(anna.getByTestId("focus-problem")).toHaveText("Skolan långt bort");
  await write(anna, "Hur skulle vi kunna korta skolvägen?");
  await write(cai, "Hur skulle vi kunna undervisa närmare hemmet?");
  await item(host.getByTestId("proposals"), "korta skolvägen").getByRole("button", { name: "Använd" }).click();
  await expect(host.getByLabel("Frågan vi går vidare med")).toHaveValue("Hur skulle vi kunna korta skolvägen?");
  await host.locator("form.hmw-form").getByRole("button", { name: "Välj" }).click();
  await expect(host.getByTestId("focus-hmw")).toHaveText("Hur skulle vi kunna korta skolvägen?");
  await expect(bo.getByTestId("focus-hmw")).toHaveText("Hur skulle vi kunna korta skolvägen?");

  // 7. Solutions, silently.
  await next("Lösningar");
  await write(anna, "Skolbuss");
  const distance = await write(bo, "Distansundervisning");
  await write(cai, "Ny skola");
  await caughtUp(anna, distance);
  await expect(anna.locator("body")).not.toContainText("Distansundervisning");

  // 8. Dot voting on solutions: 6 dots each.
  await next("Rösta på lösningar");
  for (const [p, plan] of [
    [anna, ["Skolbuss", "Skolbuss", "Skolbuss", "Skolbuss", "Ny skola", "Ny skola"]],
    [bo, ["Skolbuss", "Skolbuss", "Skolbuss", "Distans", "Distans", "Distans"]],
    [cai, ["Distans", "Distans", "Skolbuss", "Skolbuss", "Skolbuss", "Skolbuss"]],
  ] as [Page, string[]][]) {
    for (const [i, text] of plan.entries()) await vote(p, text, 5 - i);
    await expect(item(p.getByTestId("ballot"), "Ny skola").getByRole("button", { name: /Sätt prick/ })).toBeDisabled();
  }

  // 9. Effort and impact: phones rate, the room places.
  await next("Insats och effekt");
  // Effort then impact in quick succession: each tap sends its own scale only, so the second
  // cannot undo the first even when it leaves before the first one's answer is back.
  const rate = async (p: Page, text: string, effort: number, impact: number) => {
    const row = item(p.getByTestId("ratings"), text);
    const button = (scale: string, v: number) =>
      row.locator("fieldset", { hasText: scale }).getByRole("button", { name: new RegExp(`^${scale} ${v}\\b`) });
    await button("Insats", effort).click();
    await button("Effekt", impact).click();
    await expect(button("Insats", effort)).toHaveAttribute("aria-pressed", "true");
    await expect(button("Effekt", impact)).toHaveAttribute("aria-pressed", "true");
  };
  await rate(anna, "Skolbuss", 2, 5);
  await rate(bo, "Skolbuss", 1, 4);
  await rate(cai, "Distans", 5, 4);
  const candidate = (text: string) => host.getByTestId("candidate").filter({ hasText: text });
  await expect(candidate("Skolbuss")).toContainText("2 bedömningar");
  await expect(candidate("Skolbuss")).toContainText("Förslag: Snabba vinster");
  await candidate("Skolbuss").getByRole("button", { name: "Snabba vinster" }).click();
  await candidate("Distans").getByRole("button", { name: "Stora satsningar" }).click();
  await expect(host.getByTestId("quadrant-QuickWin")).toContainText("Skolbuss");
  await expect(host.getByTestId("quadrant-BigBet")).toContainText("Distansundervisning");

  // 10. Actions.
  await next("Åtgärder");
  const forms = host.getByTestId("action-form");
  await expect(forms).toHaveCount(2);
  const fill = async (text: string, step: string, owner: string, due: string) => {
    const form = forms.filter({ hasText: text });
    await form.getByLabel("Första steg").fill(step);
    await form.getByLabel("Ansvarig").fill(owner);
    await form.getByLabel("Klart senast").fill(due);
    await form.getByRole("button", { name: "Spara åtgärd" }).click();
    await expect(host.getByTestId("actions")).toContainText(step);
  };
  // Due dates in the next weeks, as the method asks (the server refuses dates in the past).
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const [busDue, lessonDue] = [inDays(14), inDays(21)];
  await fill("Distans", "Testa en lektion på distans", "Bo", lessonDue);
  await fill("Skolbuss", "Ring bussbolaget", "Anna", busDue);

  // 11. Summary: quick wins first, with the trail, on every screen.
  await next("Sammanfattning");
  for (const page of [host, ...phones]) {
    const actions = page.getByTestId("action");
    await expect(actions).toHaveCount(2);
    await expect(actions.nth(0)).toContainText("Ring bussbolaget");
    await expect(actions.nth(0)).toContainText("Snabba vinster");
    await expect(actions.nth(0)).toContainText("Skolan långt bort (4 röster)");
    await expect(actions.nth(0)).toContainText("Hur skulle vi kunna korta skolvägen?");
    await expect(actions.nth(0)).toContainText("Skolbuss (11 röster)");
    await expect(actions.nth(1)).toContainText("Testa en lektion på distans");
  }
  await expect(host.getByTestId("next-round")).toBeDisabled();
  // The longest words of the jam ("Sammanfattning", the quadrants) fit a phone at 200 % text.
  const width = phones[0].viewportSize()!.width;
  expect(await widthsAtTextSizes(phones[0])).toEqual([width, width]);
  await check();
  expect(violations).toEqual([]);

  // 12. Take the results home: every format downloads from the summary screen.
  const exportPanel = host.getByTestId("export");
  const download = async (name: string) => {
    const [file] = await Promise.all([host.waitForEvent("download"), exportPanel.getByRole("link", { name }).click()]);
    return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, "utf8") };
  };
  const slug = "blixt-hur-far-vi-fler-att-flytta-till-haparanda-";
  const md = await download("Markdown");
  expect(md.name).toMatch(new RegExp(`^${slug}\\d{4}-\\d\\d-\\d\\d\\.md$`));
  expect(md.text).toContain(`| 1 | Ring bussbolaget | Anna | ${busDue} | Snabba vinster | Skolbuss (11 röster) | Skolan långt bort (4 röster) |`);
  const excel = await download("CSV för Excel");
  expect(excel.name).toMatch(/\.csv$/);
  expect(excel.text.startsWith("\uFEFF\"Prioritet\";\"Första steg\"")).toBe(true);
  const plain = await download("CSV (kommatecken)");
  expect(plain.text.split("\r\n")[1]).toBe(
    `1,"Ring bussbolaget","Anna",${busDue},"QuickWin","Skolbuss",11,"Skolan långt bort",4,"Hur skulle vi kunna korta skolvägen?"`,
  );
  await exportPanel.getByLabel("Ta med alla lappar och röster").check();
  const json = JSON.parse((await download("JSON")).text);
  expect(json.schema).toBe("blixt.export/1");
  expect(json.actions.map((a: any) => a.first_step)).toEqual(["Ring bussbolaget", "Testa en lektion på distans"]);
  expect(json.notes.map((n: any) => n.text)).toContain("Bra bibliotek");
  const [printPage] = await Promise.all([host.waitForEvent("popup"), exportPanel.getByRole("link", { name: "Utskrift / PDF" }).click()]);
  await expect(printPage.getByRole("heading", { level: 1 })).toHaveText("Hur får vi fler att flytta till Haparanda?");
  await expect(printPage.locator("table")).toContainText("Ring bussbolaget");

  // A read-only link for people who were not there; a phone gets no export.
  await exportPanel.getByRole("button", { name: "Skapa delningslänk" }).click();
  const shareUrl = (await host.getByTestId("share-link").textContent())!;
  expect(shareUrl).toMatch(/\/share\/[0-9a-f]{32}$/);
  const outsider = await (await phone(browser, "sv-SE", sites.phones)).newPage();
  await outsider.goto(shareUrl);
  await expect(outsider.locator("table")).toContainText("Ring bussbolaget");
  const refused = await anna.request.get(`/jam/${code}/export/json`);
  expect(refused.status()).toBe(403);
}

test("a facilitator takes three phones through every round to the action list", async ({ browser }) => {
  test.setTimeout(420_000);
  await wholeJam(browser);
});

test("the same jam with the projector on one instance and the phones on another (PostgreSQL)", async ({ browser }) => {
  const postgres = process.env.BLIXT_TEST_POSTGRES;
  test.skip(!postgres, "needs BLIXT_TEST_POSTGRES: scripts/test.sh starts a PostgreSQL and sets it");
  test.setTimeout(420_000);
  const url = freshDatabase(postgres!);
  const port = Number(process.env.BLIXT_E2E_PORT ?? 3100);
  // One after the other, so that only the first runs the migrations.
  const a = await Instance.start(port + 2, url);
  const b = await Instance.start(port + 3, url).catch(async (e) => {
    await a.stop();
    throw e;
  });
  try {
    await wholeJam(browser, { host: a.base, phones: b.base });
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});
