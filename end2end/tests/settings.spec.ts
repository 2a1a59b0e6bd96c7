import { expect, Page, test } from "@playwright/test";
import { createJam, hydrated, phone, projector } from "./screens";

test("settings skip the optional round and change budgets; the timer pauses, resumes and grows", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Vinterväghållning i Haparanda");

  await host.getByText("Inställningar", { exact: true }).click();
  await host.getByLabel("Börja med ”Vad fungerar?”").uncheck();
  await host.getByLabel("Prickar per person, problem").fill("2");
  await host.getByLabel("Minuter: Problem").fill("2");
  // A phone joining while the form is being filled in does not reset it.
  const p = await (await phone(browser)).newPage();
  await p.goto(`/j/${code}`);
  await hydrated(p);
  await p.getByLabel("Ditt namn").fill("Dana");
  await p.getByRole("button", { name: "Gå med" }).click();
  await expect(host.getByTestId("participant-count")).toHaveText("1");
  await expect(host.getByLabel("Prickar per person, problem")).toHaveValue("2");
  await host.getByRole("button", { name: "Spara" }).click();
  await expect(host.getByTestId("settings-saved")).toHaveText("Sparat.");

  // A room for one: the next person to come is told the jam is full.
  await expect(host.getByLabel("Prickar per person, problem")).toHaveValue("2");
  await host.getByLabel("Platser (högst så många kan gå med)").fill("1");
  await expect(host.getByTestId("settings-saved")).toHaveText("");
  await host.getByRole("button", { name: "Spara" }).click();
  await expect(host.getByLabel("Platser (högst så många kan gå med)")).toHaveValue("1");
  const late = await (await phone(browser)).newPage();
  await late.goto(`/j/${code}`);
  await hydrated(late);
  await late.getByLabel("Ditt namn").fill("Sen");
  await late.getByRole("button", { name: "Gå med" }).click();
  await expect(late.getByText("Jammet är fullt (1 deltagare).")).toBeVisible();
  await expect(host.getByTestId("participant-count")).toHaveText("1");

  // Out-of-range values are stopped in the form (the server refuses them too: see the HTTP tests).
  const dots = host.getByLabel("Prickar per person, lösningar");
  await dots.fill("99");
  expect(await dots.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(false);
  await dots.fill("6");

  await host.getByTestId("next-round").click();
  await expect(host.getByTestId("round-name")).toHaveText("Problem");
  await expect(p.getByTestId("round-name")).toHaveText("Problem");
  const clock = host.getByTestId("countdown");
  await expect(clock).toHaveText(/^[12]:\d\d/);

  await host.getByRole("button", { name: "Pausa" }).click();
  await expect(clock).toHaveClass(/paused/);
  await expect(p.getByTestId("countdown")).toHaveClass(/paused/);
  await host.getByRole("button", { name: "+1 min" }).click();
  await expect(clock).toHaveText(/^[23]:\d\d/);
  await expect(p.getByTestId("countdown")).toHaveText(/^[23]:\d\d/);
  await host.getByRole("button", { name: "Fortsätt" }).click();
  await expect(clock).not.toHaveClass(/paused/);

  await p.getByRole("textbox").first().fill("Ett problem");
  await p.getByRole("button", { name: "Lägg till lapp" }).click();
  await host.getByTestId("next-round").click();
  await host.getByTestId("next-round").click();
  await expect(p.getByTestId("round-name")).toHaveText("Rösta på problem");
  await expect(p.getByTestId("dots-left")).toContainText("2 prickar kvar");
});

test("the facilitator link lets a second device drive the jam", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  await createJam(host, "Reservdator");
  await host.getByText("Processledarlänk", { exact: true }).click();
  await host.getByRole("button", { name: "Skapa processledarlänk" }).click();
  const link = host.getByTestId("host-link");
  await expect(link).toHaveText(/\/host\/[A-Z]{6}\?key=[0-9a-f]{32}$/);
  const url = (await link.textContent())!;

  // The co-facilitator's laptop opens the link and moves the jam on; the projector follows.
  const laptop = await (await projector(browser)).newPage();
  await laptop.goto(url);
  await hydrated(laptop);
  await laptop.getByTestId("next-round").click();
  await expect(host.getByTestId("round-name")).toHaveText("Vad fungerar?");
  await expect(laptop.getByTestId("round-name")).toHaveText("Vad fungerar?");
});
