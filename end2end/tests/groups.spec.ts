import { expect, Page, test } from "@playwright/test";
import { createJam, join, phone, projector } from "./screens";

// A room split into two groups on one clock: the facilitator names and fills the groups in the
// lobby, each phone sees its own group's notes only, and the projector shows both groups side
// by side in every round, each deciding on its own notes.

test("two groups on one clock: each phone sees its group's notes, the projector shows both", async ({ browser }) => {
  test.setTimeout(180_000);
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

  // People are spread as they join: the smallest group first.
  const names = ["Anna", "Bo", "Cai", "Dan"];
  const phones: Record<string, Page> = {};
  for (const name of names) {
    phones[name] = await (await phone(browser)).newPage();
    await join(phones[name], code, name);
  }
  const { Anna: anna, Bo: bo, Cai: cai, Dan: dan } = phones;
  const north = host.getByTestId("lobby-group-1");
  const south = host.getByTestId("lobby-group-2");
  await expect(north).toContainText("Bord Norr");
  await expect(north).toContainText("Anna");
  await expect(north).toContainText("Cai");
  await expect(south).toContainText("Grupp 2");
  await expect(south).toContainText("Bo");
  await expect(anna.getByTestId("my-group")).toContainText("Bord Norr");
  await expect(bo.getByTestId("my-group")).toContainText("Grupp 2");

  // The facilitator swaps Cai and Dan.
  await host.getByLabel("Flytta till: Cai").selectOption({ label: "Grupp 2" });
  await expect(south).toContainText("Cai");
  await host.getByLabel("Flytta till: Dan").selectOption({ label: "Bord Norr" });
  await expect(north).toContainText("Dan");
  await expect(dan.getByTestId("my-group")).toContainText("Bord Norr");
  await expect(cai.getByTestId("my-group")).toContainText("Grupp 2");

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

  await next("Vad fungerar?");
  await next("Problem");
  await write(anna, "Norr: mörkt på vintern");
  await write(dan, "Norr: få jobb");
  await write(bo, "Söder: skolan långt bort");
  await write(cai, "Söder: dyra bostäder");

  // Each group's notes are revealed on its own; nobody sees the other group's.
  await next("Visa lapparna");
  const groupOne = host.getByTestId("group-1");
  const groupTwo = host.getByTestId("group-2");
  await expect(groupOne.getByRole("heading", { name: "Bord Norr" })).toBeVisible();
  await groupOne.getByRole("button", { name: "Visa alla" }).click();
  await expect(groupOne.getByTestId("wall").last()).toContainText("Norr: få jobb");
  await expect(anna.getByTestId("wall")).toContainText("Norr: få jobb");
  await expect(groupTwo).not.toContainText("Söder");
  await groupTwo.getByRole("button", { name: "Visa alla" }).click();
  await expect(bo.getByTestId("wall")).toContainText("Söder: dyra bostäder");
  await expect(groupTwo.getByTestId("wall").last()).toContainText("Söder: dyra bostäder");
  for (const p of [anna, dan]) await expect(p.locator("main")).not.toContainText("Söder");
  for (const p of [bo, cai]) await expect(p.locator("main")).not.toContainText("Norr");

  // Each phone votes on its own group's notes.
  await next("Rösta på problem");
  await expect(anna.getByTestId("ballot")).toContainText("Norr: få jobb");
  await expect(anna.getByTestId("ballot")).not.toContainText("Söder");
  const vote = async (p: Page, text: string) => {
    await p.getByTestId("ballot").locator("li", { hasText: text }).getByRole("button", { name: /Sätt prick/ }).click();
  };
  await vote(anna, "få jobb");
  await expect(anna.getByTestId("dots-left")).toContainText("2 prick");
  await vote(bo, "skolan");
  await expect(bo.getByTestId("dots-left")).toContainText("2 prick");

  // Each group ranks and chooses its own problem.
  await next("Prioritera problem");
  await expect(groupOne.getByTestId("ranked").first()).toContainText("Norr: få jobb");
  await expect(groupTwo.getByTestId("ranked").first()).toContainText("Söder: skolan långt bort");
  await expect(groupOne.getByTestId("ranking")).not.toContainText("Söder");
  // The room moves on only when both groups have chosen.
  await groupOne.getByTestId("ranked").first().getByRole("button", { name: "Välj" }).click();
  await host.getByTestId("next-round").click();
  await expect(host.getByRole("alert")).toContainText("Grupp 2 har inte valt något problem");
  await groupTwo.getByTestId("ranked").first().getByRole("button", { name: "Välj" }).click();
  await next("Formulera om");

  // Each group reframes its own problem.
  await expect(anna.getByTestId("focus-problem")).toHaveText("Norr: få jobb");
  await expect(bo.getByTestId("focus-problem")).toHaveText("Söder: skolan långt bort");
  await expect(groupOne.getByTestId("focus-problem")).toHaveText("Norr: få jobb");
  await groupOne.getByLabel("Frågan vi går vidare med").fill("Hur skulle vi kunna skapa fler jobb?");
  await groupOne.locator("form.hmw-form").getByRole("button", { name: "Välj" }).click();
  await groupTwo.getByLabel("Frågan vi går vidare med").fill("Hur skulle vi kunna korta skolvägen?");
  await groupTwo.locator("form.hmw-form").getByRole("button", { name: "Välj" }).click();
  await expect(anna.getByTestId("focus-hmw")).toHaveText("Hur skulle vi kunna skapa fler jobb?");
  await expect(bo.getByTestId("focus-hmw")).toHaveText("Hur skulle vi kunna korta skolvägen?");
  await next("Lösningar");
});
