import { expect, test } from "@playwright/test";
import { createJam, hydrated, join, phone, projector } from "./screens";

// A phone that never runs the wasm (JavaScript off, an old browser, a download that stalled)
// still takes part: it joins, writes notes and places its dots through plain forms, and sees
// the jam as it is whenever it loads the page.

test("a phone without JavaScript joins, writes a note and places its dots", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Utan JavaScript");
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: "sv-SE" });
  const p = await context.newPage();

  // The page for typing a code is whole without a script too.
  await p.goto("/join");
  await expect(p.getByLabel("Kod")).toBeVisible();
  // A name of spaces comes back with the reason, the code still filled in.
  await p.goto(`/j/${code}`);
  await p.getByLabel("Ditt namn").fill("   ");
  await p.getByRole("button", { name: "Gå med" }).click();
  await expect(p).toHaveURL(new RegExp(`/j/${code}\\?k=&refused=`));
  await expect(p.locator(".error")).toBeVisible();
  await expect(p.getByLabel("Kod")).toHaveValue(code);
  await p.getByLabel("Ditt namn").fill("Ulla");
  await p.getByRole("button", { name: "Gå med" }).click();
  await expect(p).toHaveURL(new RegExp(`/jam/${code}$`));
  await expect(p.getByRole("heading", { name: "Du är med!" })).toBeVisible();
  await expect(host.getByTestId("participant-count")).toHaveText("1");
  // It says that this page does not follow the jam by itself.
  await expect(p.getByText("Ladda om den för att se nästa runda")).toBeVisible();

  await host.getByTestId("next-round").click();
  await host.getByTestId("next-round").click();
  await expect(host.getByTestId("round-name")).toHaveText("Problem");
  await p.getByRole("link", { name: "Uppdatera" }).click();
  await expect(p.getByTestId("round-name")).toHaveText("Problem");

  // A note goes in; an empty one is refused with the reason, and nothing is added.
  await p.getByRole("textbox").fill("Inget skript behövs");
  await p.getByRole("button", { name: "Lägg till lapp" }).click();
  await expect(p).toHaveURL(new RegExp(`/jam/${code}$`));
  await expect(p.getByTestId("my-notes")).toContainText("Inget skript behövs");
  await p.getByRole("button", { name: "Lägg till lapp" }).click();
  await expect(p.locator(".error")).toBeVisible();
  await expect(p.getByTestId("my-notes").locator("li")).toHaveCount(1);
  // Sent twice (the browser resending the same form) it is still one note.
  await p.getByRole("textbox").fill("En gång");
  const form = p.locator("form.composer");
  const body = new URLSearchParams({ id: await form.locator("input[name=id]").inputValue(), note: "En gång" }).toString();
  for (let i = 0; i < 2; i++) {
    const answer = await p.request.post(`/jam/${code}/note`, { headers: { "content-type": "application/x-www-form-urlencoded" }, data: body, maxRedirects: 0 });
    expect(answer.status()).toBe(303);
  }
  await p.reload();
  await expect(p.getByTestId("my-notes").locator("li")).toHaveCount(2);
  // Its own notes can be changed and taken away.
  const once = p.getByTestId("my-notes").locator("li", { hasText: "En gång" });
  await once.getByText("Ändra", { exact: true }).click();
  await once.getByRole("textbox").fill("Två gånger");
  await once.getByRole("button", { name: "Spara" }).click();
  const twice = p.getByTestId("my-notes").locator("li", { hasText: "Två gånger" });
  await expect(twice).toHaveCount(1);
  await twice.getByRole("button", { name: "Ta bort" }).click();
  await expect(p.getByTestId("my-notes").locator("li")).toHaveCount(1);

  await host.getByTestId("next-round").click();
  await host.getByRole("button", { name: "Visa alla" }).click();
  await host.getByTestId("next-round").click();
  await expect(host.getByTestId("round-name")).toHaveText("Rösta på problem");
  await p.reload();
  await expect(p.getByTestId("dots-left")).toContainText("3 prickar");
  const note = p.getByTestId("ballot").locator("li", { hasText: "Inget skript behövs" });
  await note.getByRole("button", { name: /Sätt prick/ }).click();
  await expect(p.getByTestId("dots-left")).toContainText("2 prickar");
  await note.getByRole("button", { name: /Sätt prick/ }).click();
  await expect(p.getByTestId("dots-left")).toContainText("1 prick");
  await note.getByRole("button", { name: /Ta tillbaka/ }).click();
  await expect(p.getByTestId("dots-left")).toContainText("2 prickar");

  await host.getByTestId("next-round").click();
  await expect(host.getByTestId("ranked").first()).toContainText("Inget skript behövs");
  await expect(host.getByTestId("ranked").first()).toContainText("1 röst");
});

test("text typed before the phone's script has arrived is still there when it has, and is sent", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Skriver tidigt");
  const p = await (await phone(browser)).newPage();
  await join(p, code, "Tidig");
  await host.getByTestId("next-round").click();
  await host.getByTestId("next-round").click();
  await expect(p.getByTestId("round-name")).toHaveText("Problem");

  // The page loads again, its script held back until the box has been typed in.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await p.route("**/phone.js", async (route) => {
    await held;
    await route.continue();
  });
  // (A deferred script holds back "DOMContentLoaded": wait for the page to arrive only.)
  await p.reload({ waitUntil: "commit" });
  await p.getByRole("textbox").fill("Skrivet medan sidan laddade");
  release();
  await hydrated(p);
  await expect(p.getByRole("textbox")).toHaveValue("Skrivet medan sidan laddade");
  // The script's name stays the same from version to version: browsers ask each time whether
  // theirs is still current.
  expect((await p.request.get("/phone.js")).headers()["cache-control"]).toBe("no-cache");
  await p.getByRole("button", { name: "Lägg till lapp" }).click();
  await expect(p.getByTestId("my-notes")).toContainText("Skrivet medan sidan laddade");
  await expect(p.getByRole("textbox")).toHaveValue("");
});
