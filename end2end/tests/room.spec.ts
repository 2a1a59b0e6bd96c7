import { expect, Page, test } from "@playwright/test";
import { axeViolations, createJam, hydrated, join, phone, projector, widthsAtTextSizes } from "./screens";
import fortyNotes from "./forty-notes.json";

// A real room: a phone that loses the network keeps what it typed and sends it when the network
// is back, once; a half-written note survives a reload; the facilitator drives from the
// keyboard while the round, the clock and the topic stay in view.

test("a note typed without network stays on the phone and is sent once when the network is back", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Tappad uppkoppling");
  const context = await phone(browser);
  const p = await context.newPage();
  await join(p, code, "Ulla");
  await host.getByTestId("next-round").click();
  await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?");

  // A half-written note survives a reload of the page.
  const box = p.getByRole("textbox").first();
  await box.fill("Bra biblio");
  await p.reload();
  await hydrated(p);
  await expect(p.getByRole("textbox").first()).toHaveValue("Bra biblio");

  // No network: the phone says so at once; a note sent now stays in the box.
  await context.setOffline(true);
  await expect(p.getByTestId("offline")).toBeVisible();
  expect(await axeViolations(p)).toEqual([]);
  await p.getByRole("textbox").first().fill("Bra bibliotek");
  await p.getByRole("button", { name: "Lägg till lapp" }).click();
  await expect(p.getByTestId("composer-status")).toContainText("Inte skickad än", { timeout: 15_000 });
  await expect(p.getByRole("textbox").first()).toHaveValue("Bra bibliotek");
  await expect(p.getByTestId("my-notes").locator("li")).toHaveCount(0);

  // Back online: it goes by itself, once, and the box empties.
  await context.setOffline(false);
  await expect(p.getByTestId("offline")).toHaveCount(0);
  await expect(p.getByTestId("my-notes").locator("li")).toHaveCount(1, { timeout: 15_000 });
  await expect(p.getByTestId("my-notes")).toContainText("Bra bibliotek");
  await expect(p.getByRole("textbox").first()).toHaveValue("");
  await expect(host.locator("[data-testid=progress] li", { hasText: "Ulla" })).toContainText("1");
  // Nothing is left to come back after a reload.
  await p.reload();
  await hydrated(p);
  await expect(p.getByRole("textbox").first()).toHaveValue("");
  await expect(p.getByTestId("my-notes").locator("li")).toHaveCount(1);
});

test("the facilitator drives from the keyboard; the round, clock and topic stay at the top", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Fler cykelvägar i Haparanda");
  const p = await (await phone(browser)).newPage();
  await join(p, code, "Bo");

  await host.keyboard.press("ArrowRight");
  await expect(host.getByTestId("round-name")).toHaveText("Vad fungerar?");
  await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?");
  await expect(host.getByTestId("round-topic")).toHaveText("Fler cykelvägar i Haparanda");

  // P pauses (said in words, on both screens), P again resumes, + adds a minute.
  await host.keyboard.press("p");
  await expect(host.getByTestId("countdown")).toContainText("Pausad");
  await expect(p.getByTestId("countdown")).toContainText("Pausad");
  await host.keyboard.press("p");
  await expect(host.getByTestId("countdown")).not.toContainText("Pausad");
  await host.keyboard.press("+");
  await expect(host.getByTestId("countdown")).toContainText(/^[45]:\d\d/);

  // Space moves on; ← goes back. Typing in a field is not a shortcut.
  await host.keyboard.press("Space");
  await expect(host.getByTestId("round-name")).toHaveText("Problem");
  await host.keyboard.press("ArrowLeft");
  await expect(host.getByTestId("round-name")).toHaveText("Vad fungerar?");
  await host.getByText("Inställningar", { exact: true }).click();
  await host.getByLabel("Platser").focus();
  await host.keyboard.press("ArrowRight");
  await expect(host.getByTestId("round-name")).toHaveText("Vad fungerar?");

  // Scrolled down on a long page, the round bar is still in view; the next round opens at the top.
  await host.mouse.wheel(0, 3000);
  await expect.poll(() => host.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect(host.getByTestId("countdown")).toBeInViewport();
  await expect(host.getByTestId("round-topic")).toBeInViewport();
  await host.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await host.keyboard.press("ArrowRight");
  await expect(host.getByTestId("round-name")).toHaveText("Problem");
  await expect.poll(() => host.evaluate(() => window.scrollY)).toBe(0);
});

test("the projector shows the room's view while the facilitator drives from the presenter view", async ({ browser }) => {
  const laptop = await projector(browser);
  const presenter = await laptop.newPage();
  const code = await createJam(presenter, "Tryggare skolvägar");
  const p = await (await phone(browser)).newPage();
  await join(p, code, "Cai");

  // The room's screen: opened from the presenter view, in the facilitator's browser.
  const [room] = await Promise.all([laptop.waitForEvent("page"), presenter.getByTestId("room-link").click()]);
  await hydrated(room);
  await expect(room).toHaveURL(new RegExp(`/room/${code}$`));
  await presenter.getByTestId("next-round").click();
  await expect(room.getByTestId("round-name")).toHaveText("Vad fungerar?");
  await expect(room.getByTestId("round-topic")).toHaveText("Tryggare skolvägar");
  // No buttons and no settings in view of the room.
  await expect(room.getByTestId("next-round")).toHaveCount(0);
  await expect(room.getByText("Inställningar", { exact: true })).toHaveCount(0);
  await expect(room.getByRole("button")).toHaveCount(0);

  // A clicker's key on the room's screen drives the jam too.
  await room.keyboard.press("PageDown");
  await expect(presenter.getByTestId("round-name")).toHaveText("Problem");
  await expect(p.getByTestId("round-name")).toHaveText("Problem");
  for (const text of ["Mörkt vid busshållplatsen", "För mörkt vid hållplatsen", "Bilar kör fort"]) {
    await p.getByRole("textbox").first().fill(text);
    await p.getByRole("button", { name: "Lägg till lapp" }).click();
    await expect(p.getByTestId("my-notes")).toContainText(text);
  }

  // The reveal: the presenter reveals, the room sees the notes and no reveal buttons.
  await presenter.getByTestId("next-round").click();
  await expect(room.getByTestId("round-name")).toHaveText("Visa lapparna");
  // Before anything is shown, the room sees how many notes wait (not "nothing yet").
  await expect(room.getByTestId("waiting")).toHaveText("3 lappar väntar på att visas.");
  await presenter.getByRole("button", { name: "Visa alla" }).click();
  await expect(room.getByTestId("card")).toHaveCount(3);
  await expect(room.getByTestId("waiting")).toHaveCount(0);
  await expect(room.getByRole("button")).toHaveCount(0);

  // Two notes that say the same go on one card: on the room's wall, then on the phone's ballot.
  const card = (page: Page, text: string) => page.getByTestId("card").filter({ hasText: text });
  await card(presenter, "För mörkt vid hållplatsen").getByRole("button", { name: "Slå ihop" }).click();
  await card(presenter, "Mörkt vid busshållplatsen").getByRole("button", { name: "Lägg ihop här" }).click();
  await expect(room.getByTestId("card")).toHaveCount(2);
  await expect(card(room, "Mörkt vid busshållplatsen").getByTestId("merged")).toContainText("För mörkt vid hållplatsen");
  await presenter.getByTestId("next-round").click();
  await expect(p.getByTestId("round-name")).toHaveText("Rösta på problem");
  await expect(p.getByTestId("ballot").locator("li")).toHaveCount(2);
  const merged = p.getByTestId("ballot").locator("li", { hasText: "För mörkt vid hållplatsen" });
  await expect(merged).toContainText("Mörkt vid busshållplatsen");
  // From the keyboard: the note keeps the focus after each dot, so Enter again adds another.
  await merged.getByRole("button", { name: /Sätt prick/ }).focus();
  await p.keyboard.press("Enter");
  await expect(p.getByTestId("dots-left")).toContainText("2 prick");
  await expect(merged.getByRole("button", { name: /Sätt prick/ })).toBeFocused();
  await p.keyboard.press("Enter");
  await expect(p.getByTestId("dots-left")).toContainText("1 prick");
  await expect(merged.getByRole("button", { name: /Sätt prick/ })).toBeFocused();
  await merged.getByRole("button", { name: /Ta tillbaka/ }).click();
  await expect(p.getByTestId("dots-left")).toContainText("2 prick");
  // The ballot and the room's screen pass the accessibility checker.
  expect(await axeViolations(p)).toEqual([]);
  expect(await axeViolations(room)).toEqual([]);
  await presenter.getByTestId("next-round").click();
  await expect(room.getByTestId("ranked").first()).toContainText("Mörkt vid busshållplatsen (+ För mörkt vid hållplatsen)");
  await expect(room.getByTestId("ranked").first()).toContainText("1 röst");
  // The chosen problem says so in words on the room's screen, not only in colour.
  await presenter.getByTestId("ranked").first().getByRole("button", { name: "Välj" }).click();
  await expect(room.getByTestId("ranked").first().locator(".chosen-mark")).toHaveText("Vald");
  await expect(room.getByTestId("ranked").first().locator(".chosen-mark")).toBeVisible();
});

test("when time is up and writing locks, the phone says so instead of offering the box", async ({ browser }) => {
  // The shortest timebox (30 s) runs out in it.
  test.setTimeout(120_000);
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Låst vid tidens slut");
  await host.getByText("Inställningar", { exact: true }).click();
  await host.getByLabel("Lås skrivandet när tiden är ute").check();
  // The shortest timebox there is: half a minute.
  await host.getByLabel("Minuter: Vad fungerar?").fill("0.5");
  await host.getByRole("button", { name: "Spara" }).click();
  await expect(host.getByTestId("settings-saved")).toHaveText("Sparat.");

  const p = await (await phone(browser)).newPage();
  await join(p, code, "Dana");
  await host.getByTestId("next-round").click();
  await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?");
  await expect(p.getByRole("textbox").first()).toBeVisible();
  await expect(p.getByTestId("writing-locked")).toHaveCount(0);

  // The server's clock decides; the phone follows it and locks the box without a round trip.
  await expect(p.getByTestId("time-up")).toHaveText("Tiden är ute!", { timeout: 40_000 });
  await expect(p.getByTestId("writing-locked")).toBeVisible();
  await expect(p.getByRole("button", { name: "Lägg till lapp" })).toHaveCount(0);
  await expect(host.getByTestId("countdown")).toContainText("Tiden är ute!");

  // A minute more: the box is back and the clock runs again.
  await host.keyboard.press("+");
  await expect(p.getByRole("button", { name: "Lägg till lapp" })).toBeVisible();
  await expect(p.getByTestId("time-up")).toHaveCount(0);
  await expect(p.getByTestId("countdown")).toHaveText(/^[01]:\d\d$/);
});

/** Forty problem notes as a real room writes them: short, long, and long compound words
 *  (shared with `end2end/measure/wall-height.mjs`). */
const FORTY: string[] = fortyNotes;

test("forty notes fit the room's screen in two screen heights; a 320 px phone never scrolls sideways", async ({ browser }) => {
  // Seven screens, 40 notes typed, and the accessibility checker over a wall of 40 cards: about
  // 30 s alone, twice that on a busy machine.
  test.setTimeout(180_000);
  const laptop = await projector(browser);
  const presenter = await laptop.newPage();
  const code = await createJam(presenter, "Hur får vi fler att flytta till Haparanda?");
  const room = await laptop.newPage();
  await room.goto(`/room/${code}`);
  await hydrated(room);
  const phones: Page[] = [];
  for (const name of ["Anna", "Bo", "Cai", "Dina"]) {
    const p = await (await phone(browser)).newPage();
    await join(p, code, name);
    phones.push(p);
  }
  // The smallest phone there is, in Swedish and in Finnish (longer words).
  const small: Page[] = [];
  for (const locale of ["sv-SE", "fi-FI"]) {
    const context = await browser.newContext({ viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true, locale });
    const p = await context.newPage();
    await p.goto(`/j/${code}`);
    await hydrated(p);
    await p.locator("input[name=name]").fill(`Liten ${locale}`);
    await p.locator("form button[type=submit]").click();
    await expect(p).toHaveURL(new RegExp(`/jam/${code}$`));
    await hydrated(p);
    small.push(p);
  }
  for (const p of small) expect(await widthsAtTextSizes(p)).toEqual([320, 320]);

  // What works: two notes each, shown above the problems in the reveal.
  await presenter.getByTestId("next-round").click();
  await expect(phones[0].getByTestId("round-name")).toHaveText("Vad fungerar?");
  await Promise.all(
    phones.map(async (p, j) => {
      for (const text of [`Samarbetet med Tornio fungerar, punkt ${j + 1}`, `Bibliotekets öppettider ${j + 1}`]) {
        await p.getByRole("textbox").first().fill(text);
        await p.getByRole("button", { name: "Lägg till lapp" }).click();
        await expect(p.getByTestId("my-notes")).toContainText(text);
      }
    }),
  );
  await presenter.getByTestId("next-round").click();
  await expect(phones[0].getByTestId("round-name")).toHaveText("Problem");
  for (let i = 0; i < 10; i++) {
    await Promise.all(
      phones.map(async (p, j) => {
        const text = FORTY[j * 10 + i];
        await p.getByRole("textbox").first().fill(text);
        await p.getByRole("button", { name: "Lägg till lapp" }).click();
        await expect(p.getByTestId("my-notes")).toContainText(text);
      }),
    );
  }
  for (const p of small) expect(await widthsAtTextSizes(p)).toEqual([320, 320]);

  await presenter.getByTestId("next-round").click();
  await expect(room.getByTestId("waiting")).toHaveText("48 lappar väntar på att visas.");
  await presenter.getByRole("button", { name: "Visa alla" }).click();
  await expect(room.getByTestId("card")).toHaveCount(48);
  // Two that say the same on one card, as a real reveal has them.
  const card = (page: Page, text: string) => page.getByTestId("card").filter({ hasText: text });
  await card(presenter, FORTY[2]).getByRole("button", { name: "Slå ihop" }).click();
  await card(presenter, FORTY[1]).getByRole("button", { name: "Lägg ihop här" }).click();
  await expect(room.getByTestId("card")).toHaveCount(47);
  // 8 notes on what works and 40 problems (one card of two) in two screen heights at most.
  const screens = await room.evaluate(() => document.scrollingElement!.scrollHeight / window.innerHeight);
  expect(screens).toBeLessThanOrEqual(2);
  for (const p of small) {
    await expect(p.getByTestId("card")).toHaveCount(47);
    expect(await widthsAtTextSizes(p)).toEqual([320, 320]);
  }
  expect(await axeViolations(room)).toEqual([]);

  await presenter.getByTestId("next-round").click();
  for (const p of small) {
    await expect(p.getByTestId("ballot").locator("li")).toHaveCount(39);
    expect(await widthsAtTextSizes(p)).toEqual([320, 320]);
  }
  expect(await axeViolations(small[1])).toEqual([]);

  // Prioritize: the presenter folds the problems nobody voted for under one line, which stays
  // open while the jam changes; the room's screen leaves them out.
  await phones[0].getByTestId("ballot").locator("li").first().getByRole("button", { name: /Sätt prick/ }).click();
  await expect(phones[0].getByTestId("dots-left")).toContainText("2 prick");
  await presenter.getByTestId("next-round").click();
  await expect(room.getByTestId("round-name")).toHaveText("Prioritera problem");
  const fold = presenter.locator(".unvoted details");
  await expect(fold.locator("summary")).toHaveText("38 problem utan röster");
  await expect(room.locator(".unvoted")).toBeHidden();
  await fold.locator("summary").click();
  await expect(fold).toHaveAttribute("open", "");
  await presenter.getByTestId("ranked").first().getByRole("button", { name: "Välj" }).click();
  await expect(room.getByTestId("ranked").first().locator(".chosen-mark")).toBeVisible();
  await expect(fold).toHaveAttribute("open", "");
});
