import { expect, Page, test } from "@playwright/test";
import { createJam, hydrated, phone, projector } from "./screens";

const TOPIC = "Hur får vi fler att flytta till Haparanda?";


test("phones join live on the projector, and keep who they are across reloads", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, TOPIC);
  await hydrated(host);

  await expect(host.getByRole("heading", { level: 1 })).toHaveText(TOPIC);
  await expect(host.getByTestId("join-code")).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  const joinUrl = (await host.getByTestId("join-url").textContent())!;
  expect(joinUrl).toMatch(new RegExp(`/j/${code}$`));
  const qrLoaded = await host.locator("img.qr").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
  expect(qrLoaded).toBe(true);
  await expect(host.getByText("Ingen har gått med ännu.")).toBeVisible();
  // A mark that a reload of the projector would wipe out.
  await host.evaluate(() => ((window as any).__sameDocument = true));

  // Anna types the code, in lower case with a space, on /join.
  const anna = await (await phone(browser)).newPage();
  await anna.goto("/join");
  await hydrated(anna);
  await anna.getByLabel("Kod").fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
  await anna.getByLabel("Ditt namn").fill("Anna");
  const annaJoined = anna.waitForURL(new RegExp(`/jam/${code}$`), { waitUntil: "commit" });
  await anna.getByRole("button", { name: "Gå med" }).click();
  await annaJoined;
  // Live on the projector within a second of the join being acknowledged.
  await expect(host.getByTestId("participants")).toContainText("Anna", { timeout: 1_000 });
  await expect(anna).toHaveURL(new RegExp(`/jam/${code}$`));
  await expect(anna.getByRole("heading", { name: "Du är med!" })).toBeVisible();
  await expect(anna.getByTestId("my-name")).toHaveText("Anna");

  // Bo opens the link from the QR code: the code is filled in and the topic shown.
  const bo = await (await phone(browser)).newPage();
  await bo.goto(joinUrl);
  await hydrated(bo);
  await expect(bo.getByText(TOPIC)).toBeVisible();
  await expect(bo.getByLabel("Kod")).toHaveValue(code);
  await bo.getByLabel("Ditt namn").fill("Bo");
  const boJoined = bo.waitForURL(new RegExp(`/jam/${code}$`), { waitUntil: "commit" });
  await bo.getByRole("button", { name: "Gå med" }).click();
  await boJoined;
  await expect(host.getByTestId("participants").getByRole("listitem")).toHaveText(["Anna", "Bo"], { timeout: 1_000 });
  await expect(host.getByTestId("participant-count")).toHaveText("2");
  // Anna's phone hears that Bo came, too.
  await expect(anna.getByText("2 personer har gått med")).toBeVisible();

  expect(await host.evaluate(() => (window as any).__sameDocument)).toBe(true);

  // Anna's phone reloads (or slept): still Anna, still in.
  await anna.reload();
  await expect(anna.getByTestId("my-name")).toHaveText("Anna");
  await expect(anna.getByRole("heading", { name: "Du är med!" })).toBeVisible();
  // The facilitator reloads: still in control, nobody lost.
  await host.reload();
  await expect(host.getByTestId("participants").getByRole("listitem")).toHaveText(["Anna", "Bo"]);
});

test("bad input gets a clear message and a stranger cannot open the facilitator screen", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  await host.goto("/");
  await hydrated(host);
  await host.getByLabel("Utmaning eller ämne").fill("   ");
  await host.getByRole("button", { name: "Skapa jam" }).click();
  await expect(host.getByRole("alert")).toHaveText("Skriv en utmaning eller ett ämne.");
  await expect(host).toHaveURL(/\/$/);
  const code = await createJam(host, TOPIC);

  const p = await (await phone(browser)).newPage();
  await p.goto("/join");
  await hydrated(p);
  await p.getByLabel("Ditt namn").fill("Cai");
  for (const [typed, message] of [
    ["BC", "Koden har 6 bokstäver."],
    ["BCDFG1", "Koden har bara bokstäver, inga siffror eller vokaler. Kontrollera den på skärmen."],
    [code === "BBBBBB" ? "CCCCCC" : "BBBBBB", "Inget jam har den koden. Kontrollera den på skärmen."],
  ]) {
    await p.getByLabel("Kod").fill(typed);
    await p.getByRole("button", { name: "Gå med" }).click();
    await expect(p.getByRole("alert")).toHaveText(message);
  }
  await expect(p).toHaveURL(/\/join$/);

  const response = await p.goto(`/host/${code}`);
  expect(response!.status()).toBe(403);
  await expect(p.getByRole("alert")).toHaveText("Bara processledaren kan göra det.");
  await host.reload();
  await expect(host.getByText("Ingen har gått med ännu.")).toBeVisible();
});

test("the language switch works in place and is remembered", async ({ browser }) => {
  const page = await (await phone(browser)).newPage();
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Starta ett jam");
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Start a jam");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Start a jam");
  await page.getByRole("link", { name: "Suomi" }).click();
  await expect(page.getByRole("button", { name: "Luo työpaja" })).toBeVisible();
});

test("a jam open to its link only turns away a typed code and lets the link in", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Bara med länken");
  await hydrated(host);
  await host.getByText("Inställningar", { exact: true }).click();
  await host.getByLabel("Vem får gå med").selectOption({ label: "Bara med QR-koden eller länken" });
  await host.getByRole("button", { name: "Spara" }).click();
  // The room is told to scan, not to type.
  await expect(host.getByTestId("joining")).toHaveText("Skanna QR-koden för att gå med.");
  await expect(host.getByTestId("join-code")).toHaveCount(0);

  const typed = await (await phone(browser)).newPage();
  await typed.goto(`/j/${code}`);
  await expect(typed.getByText("Gå med genom att skanna QR-koden på skärmen.")).toBeVisible();
  await expect(typed.getByText("Bara med länken")).toHaveCount(0);

  await host.getByText("Länk att skicka till deltagare").click();
  const link = (await host.getByTestId("join-link").textContent())!;
  expect(link).toMatch(new RegExp(`/j/${code}\\?k=[0-9a-f]{32}$`));
  const scanned = await (await phone(browser)).newPage();
  await scanned.goto(link);
  await hydrated(scanned);
  await expect(scanned.getByText("Bara med länken")).toBeVisible();
  await scanned.getByLabel("Ditt namn").fill("Qi");
  await scanned.getByRole("button", { name: "Gå med" }).click();
  await expect(scanned.getByRole("heading", { name: "Du är med!" })).toBeVisible();
  await expect(host.getByTestId("participant-count")).toHaveText("1");
});
