import { expect, Page, test } from "@playwright/test";
import { axeViolations, createJam, hydrated, join, phone, projector } from "./screens";

// A room split into two groups of three on one clock: the facilitator names and fills the
// groups in the lobby and makes a lead in each; every phone sees its own group's notes only; the
// projector shows both groups in every round, each deciding on its own notes — the leads do
// their group's steps on their phones, the facilitator can do them from the projector's
// sections; the whole room then dot-votes across both groups' actions for one combined list
// and export.

test("two groups of three with a lead each, from the lobby to the plenary and the combined export", async ({ browser }) => {
  test.setTimeout(300_000);
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Hur får fler unga stanna i Haparanda?");

  // Two groups, the first one named.
  const settings = host.locator("details.settings").first();
  await settings.locator("summary").click();
  await settings.getByLabel("Antal grupper").fill("2");
  await settings.getByRole("button", { name: "Spara" }).click();
  await settings.getByLabel("Namn på grupp 1").fill("Bord Norr");
  await settings.getByRole("button", { name: "Spara" }).click();
  await expect(settings.getByTestId("settings-saved")).toHaveText("Sparat.");
  await expect(settings.getByLabel(/Gemensam avslutning/)).toBeChecked();

  // People are spread as they join: the smallest group first.
  const names = ["Anna", "Bo", "Cai", "Dan", "Eva", "Fia"];
  const phones: Record<string, Page> = {};
  // Any script error on a phone (a lead's steps are fetched and torn down round by round).
  const errors: string[] = [];
  // The app's wasm each phone fetched: only a lead's needs it.
  const wasm: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (const name of names) {
    phones[name] = await (await phone(browser)).newPage();
    phones[name].on("pageerror", (e) => errors.push(`${name}: ${e.message}`));
    phones[name].on("request", (r) => {
      if (new URL(r.url()).pathname.endsWith(".wasm")) wasm[name]++;
    });
    await join(phones[name], code, name);
  }
  const { Anna: anna, Bo: bo, Cai: cai, Dan: dan, Eva: eva, Fia: fia } = phones;
  const north = host.getByTestId("lobby-group-1");
  const south = host.getByTestId("lobby-group-2");
  await expect(north).toContainText("Bord Norr");
  for (const name of ["Anna", "Cai", "Eva"]) await expect(north).toContainText(name);
  await expect(south).toContainText("Grupp 2");
  for (const name of ["Bo", "Dan", "Fia"]) await expect(south).toContainText(name);
  await expect(anna.getByTestId("my-group")).toContainText("Bord Norr");
  await expect(bo.getByTestId("my-group")).toContainText("Grupp 2");

  // The facilitator swaps Cai and Dan, and makes Anna and Bo their groups' leads.
  await host.getByLabel("Flytta till: Cai").selectOption({ label: "Grupp 2" });
  await expect(south).toContainText("Cai");
  await host.getByLabel("Flytta till: Dan").selectOption({ label: "Bord Norr" });
  await expect(north).toContainText("Dan");
  await expect(dan.getByTestId("my-group")).toContainText("Bord Norr");
  await expect(cai.getByTestId("my-group")).toContainText("Grupp 2");
  await host.getByLabel("Gruppledare: Anna").check();
  await host.getByLabel("Gruppledare: Bo").check();
  await expect(anna.getByTestId("my-group")).toContainText("leder gruppen");
  await expect(bo.getByTestId("my-group")).toContainText("leder gruppen");
  await expect(dan.getByTestId("my-group")).not.toContainText("leder");
  // A lead's phone does the facilitator's steps for its group: its page loads the app's wasm,
  // which takes it over. Every other phone runs on the page and its small script alone.
  await hydrated(anna);
  await hydrated(bo);
  expect(wasm.Anna).toBeGreaterThan(0);
  expect(wasm.Bo).toBeGreaterThan(0);
  for (const name of ["Cai", "Dan", "Eva", "Fia"]) expect(wasm[name]).toBe(0);
  expect(await axeViolations(host)).toEqual([]);

  const next = async (round: string) => {
    await host.getByTestId("next-round").click();
    await expect(host.getByTestId("round-name")).toHaveText(round);
    for (const p of Object.values(phones)) await expect(p.getByTestId("round-name")).toHaveText(round);
  };
  const write = async (p: Page, text: string) => {
    await p.getByRole("textbox").first().fill(text);
    await p.getByRole("button", { name: "Lägg till lapp" }).click();
    await expect(p.getByTestId("my-notes")).toContainText(text);
  };
  const [northPhones, southPhones] = [
    [anna, dan, eva],
    [bo, cai, fia],
  ];

  await next("Vad fungerar?");
  await next("Problem");
  await write(anna, "Norr: mörkt på vintern");
  await write(dan, "Norr: få jobb");
  await write(bo, "Söder: skolan långt bort");
  await write(cai, "Söder: dyra bostäder");

  // Each lead reveals their own group's notes from their phone; nobody sees the other group's.
  await next("Visa lapparna");
  const groupOne = host.getByTestId("group-1");
  const groupTwo = host.getByTestId("group-2");
  await expect(groupOne.getByRole("heading", { name: "Bord Norr" })).toBeVisible();
  const annaLeads = anna.getByTestId("lead-panel");
  const boLeads = bo.getByTestId("lead-panel");
  await annaLeads.getByRole("button", { name: "Visa alla" }).click();
  await expect(groupOne.getByTestId("wall").last()).toContainText("Norr: få jobb");
  await expect(annaLeads.getByTestId("wall").last()).toContainText("Norr: få jobb");
  await expect(eva.getByTestId("wall")).toContainText("Norr: få jobb");
  await expect(groupTwo).not.toContainText("Söder");
  expect(await axeViolations(anna)).toEqual([]);
  await boLeads.getByRole("button", { name: "Visa alla" }).click();
  await expect(fia.getByTestId("wall")).toContainText("Söder: dyra bostäder");
  await expect(groupTwo.getByTestId("wall").last()).toContainText("Söder: dyra bostäder");
  for (const p of northPhones) await expect(p.locator("main")).not.toContainText("Söder");
  for (const p of southPhones) await expect(p.locator("main")).not.toContainText("Norr");

  // Each phone votes on its own group's notes.
  await next("Rösta på problem");
  await expect(anna.getByTestId("ballot")).toContainText("Norr: få jobb");
  await expect(anna.getByTestId("ballot")).not.toContainText("Söder");
  const vote = async (p: Page, text: string) => {
    await p.getByTestId("ballot").locator("li", { hasText: text }).getByRole("button", { name: /Sätt prick/ }).click();
  };
  await vote(eva, "få jobb");
  await expect(eva.getByTestId("dots-left")).toContainText("2 prick");
  await vote(fia, "skolan");
  await expect(fia.getByTestId("dots-left")).toContainText("2 prick");

  // Each group ranks its own problems; the room moves on only when both have chosen.
  await next("Prioritera problem");
  await expect(groupOne.getByTestId("ranked").first()).toContainText("Norr: få jobb");
  await expect(groupTwo.getByTestId("ranked").first()).toContainText("Söder: skolan långt bort");
  await expect(groupOne.getByTestId("ranking")).not.toContainText("Söder");
  await anna.getByTestId("ranked").first().getByRole("button", { name: "Välj" }).click();
  await expect(groupOne.getByTestId("ranked").first()).toHaveClass(/chosen/);
  await host.getByTestId("next-round").click();
  await expect(host.getByRole("alert")).toContainText("Grupp 2 har inte valt något problem");
  // The facilitator can do a group's step from its section too.
  await groupTwo.getByTestId("ranked").first().getByRole("button", { name: "Välj" }).click();
  await next("Formulera om");

  // Each group reframes its own problem.
  for (const p of northPhones) await expect(p.getByTestId("focus-problem")).toHaveText("Norr: få jobb");
  for (const p of southPhones) await expect(p.getByTestId("focus-problem")).toHaveText("Söder: skolan långt bort");
  await expect(groupOne.getByTestId("focus-problem")).toHaveText("Norr: få jobb");
  await annaLeads.getByLabel("Frågan vi går vidare med").fill("Hur skulle vi kunna skapa fler jobb?");
  await annaLeads.locator("form.hmw-form").getByRole("button", { name: "Välj" }).click();
  await boLeads.getByLabel("Frågan vi går vidare med").fill("Hur skulle vi kunna korta skolvägen?");
  await boLeads.locator("form.hmw-form").getByRole("button", { name: "Välj" }).click();
  await expect(eva.getByTestId("focus-hmw")).toHaveText("Hur skulle vi kunna skapa fler jobb?");
  await expect(fia.getByTestId("focus-hmw")).toHaveText("Hur skulle vi kunna korta skolvägen?");

  await next("Lösningar");
  await write(dan, "Norr: jobbmässa");
  await write(cai, "Söder: skolbuss");
  await next("Rösta på lösningar");
  await expect(dan.getByTestId("ballot")).not.toContainText("Söder");
  await next("Insats och effekt");
  // Each group's matrix holds its own solutions; the leads place them on their phones.
  await expect(groupOne.getByTestId("candidate")).toHaveCount(1);
  await annaLeads.getByTestId("candidate").getByRole("button", { name: "Snabba vinster" }).click();
  await boLeads.getByTestId("candidate").getByRole("button", { name: "Stora satsningar" }).click();
  await expect(groupOne.getByTestId("quadrant-QuickWin")).toContainText("Norr: jobbmässa");
  await expect(groupTwo.getByTestId("quadrant-BigBet")).toContainText("Söder: skolbuss");

  // Each lead writes the group's action on their phone.
  await next("Åtgärder");
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const fill = async (lead: Page, step: string) => {
    const form = lead.getByTestId("lead-panel").getByTestId("action-form");
    await form.getByLabel("Första steg").fill(step);
    await form.getByLabel("Ansvarig").fill("Anna");
    await form.getByLabel("Klart senast").fill(due);
    await form.getByRole("button", { name: "Spara åtgärd" }).click();
  };
  await fill(anna, "Boka mässhallen");
  await fill(bo, "Ring bussbolaget");
  await expect(groupTwo.getByTestId("actions")).toContainText("Ring bussbolaget");
  await expect(groupOne.getByTestId("actions")).toContainText("Boka mässhallen");
  await expect(fia.getByTestId("actions").first()).not.toContainText("Boka mässhallen");

  // The plenary: every phone sees both groups' actions and dots across them.
  await next("Gemensam prioritering");
  for (const p of Object.values(phones)) {
    await expect(p.getByTestId("ballot")).toContainText("Boka mässhallen");
    await expect(p.getByTestId("ballot")).toContainText("Ring bussbolaget");
  }
  for (const p of [anna, bo, cai]) await vote(p, "Ring bussbolaget");
  await vote(dan, "Boka mässhallen");
  await expect(dan.getByTestId("dots-left")).toContainText("2 prick");
  expect(await axeViolations(dan)).toEqual([]);
  await next("Sammanfattning");
  // One combined list, most of the room's dots first, each action naming its group.
  for (const p of [host, fia]) {
    const actions = p.getByTestId("action");
    await expect(actions).toHaveCount(2);
    await expect(actions.nth(0)).toContainText("Ring bussbolaget");
    await expect(actions.nth(0)).toContainText("Grupp 2");
    await expect(actions.nth(0)).toContainText("3 prickar från rummet");
    await expect(actions.nth(1)).toContainText("Bord Norr");
  }
  expect(await axeViolations(host)).toEqual([]);
  // The combined export names each row's group; one group's export holds its own action.
  const all = await host.request.get(`/jam/${code}/export/csv-plain`);
  const rows = (await all.text()).trim().split("\r\n");
  expect(rows[0]).toContain('"group","room_votes"');
  expect(rows[1]).toContain('"Ring bussbolaget"');
  expect(rows[1]).toMatch(/"Grupp 2",3$/);
  const northOnly = await (await host.request.get(`/jam/${code}/export/markdown?group=1`)).text();
  expect(northOnly).toContain("Boka mässhallen");
  expect(northOnly).not.toContain("Ring bussbolaget");
  expect(errors).toEqual([]);
});
