import { expect, test } from "@playwright/test";
import { createJam, join, phone, projector } from "./screens";

// A phone runs on its server-rendered page and a small script, never the app's wasm. The
// script keeps the page live by fetching it again when the phone's view changes and changing
// only what differs: what is being typed, the focus and an open editor survive the room's
// changes.

test("a phone takes part without the wasm, and keeps what it is typing through live updates", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Telefonens skript");
  const p = await (await phone(browser)).newPage();
  const fetched: string[] = [];
  p.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await join(p, code, "Ulla");
  const pageLoads = () => fetched.filter((path) => path === `/jam/${code}`).length;

  // Someone else joins: the count changes in place, from the live message, without fetching
  // the page again (in a town hall, 2,000 phones would fetch it for every join).
  const before = pageLoads();
  await join(await (await phone(browser)).newPage(), code, "Bo");
  await expect(p.getByTestId("people-joined")).toHaveText("2 personer har gått med");
  expect(pageLoads()).toBe(before);
  await host.getByTestId("next-round").click();
  await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?");

  // Half a note typed, the cursor in the box; the facilitator adds a minute meanwhile.
  const box = p.getByRole("textbox");
  await box.fill("Bra bibl");
  const clock = await p.getByTestId("countdown").textContent();
  const version = Number(await p.locator("main").getAttribute("data-version"));
  const loads = pageLoads();
  await host.keyboard.press("+");
  await expect.poll(async () => Number(await p.locator("main").getAttribute("data-version"))).toBeGreaterThan(version);
  await expect(p.getByTestId("countdown")).not.toHaveText(clock!);
  // The clock, too, changes in place.
  expect(pageLoads()).toBe(loads);
  // Paused and resumed: said in words on the phone, and counting again.
  await host.keyboard.press("p");
  await expect(p.getByTestId("countdown")).toContainText("Pausad");
  // (The projector's key resumes what the projector shows as paused.)
  await expect(host.getByTestId("countdown")).toContainText("Pausad");
  await host.keyboard.press("p");
  await expect(p.getByTestId("countdown")).not.toContainText("Pausad");
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("Bra bibl");
  await p.keyboard.type("iotek");
  await p.getByRole("button", { name: "Lägg till lapp" }).click();
  await expect(p.getByTestId("my-notes")).toContainText("Bra bibliotek");
  await expect(box).toHaveValue("");

  // The note's editor, opened, stays open while the room moves (a minute more); saving closes it.
  const note = p.getByTestId("my-notes").locator("li", { hasText: "Bra bibliotek" });
  await note.getByText("Ändra", { exact: true }).click();
  const editor = note.getByRole("textbox");
  await editor.fill("Bra bibliotek och simhall");
  await host.keyboard.press("+");
  await expect(p.getByTestId("countdown")).toHaveText(/^[56]:\d\d/);
  await expect(editor).toHaveValue("Bra bibliotek och simhall");
  await note.getByRole("button", { name: "Spara" }).click();
  await expect(p.getByTestId("my-notes").locator("li")).toHaveText([/Bra bibliotek och simhall/]);
  await expect(p.getByTestId("my-notes").getByRole("textbox")).toBeHidden();

  // Nothing from the app's bundle: the page's script and its stylesheet.
  expect(fetched.filter((path) => path.endsWith(".wasm") || path.startsWith("/pkg/blixt.js"))).toEqual([]);
  expect(fetched).toContain("/phone.js");
});
