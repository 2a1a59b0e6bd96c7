import { expect, Page, test } from "@playwright/test";
import { createJam, hydrated, phone, projector } from "./screens";

// A command whose answer is lost on the way (the server took it, the phone never heard back) is
// sent again by the phone with the same id, and the server applies it once: the note is there
// once, not lost and not doubled.

test("a note whose answer was lost is sent again and kept once", async ({ browser }) => {
  const host = await (await projector(browser)).newPage();
  const code = await createJam(host, "Tappade svar");

  const p = await (await phone(browser)).newPage();
  await p.goto(`/j/${code}`);
  await hydrated(p);
  await p.getByLabel("Ditt namn").fill("Ulla");
  await p.getByRole("button", { name: "Gå med" }).click();
  await expect(p.getByRole("heading", { name: "Du är med!" })).toBeVisible();
  await hydrated(p);
  await host.getByTestId("next-round").click();
  await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?");

  // The first try reaches the server, but its answer is cut off before the phone gets it.
  const ids: string[] = [];
  const versions: number[] = [];
  await p.route(`**/jam/${code}/note`, async (route) => {
    ids.push(new URLSearchParams(route.request().postData() ?? "").get("id")!);
    const response = await route.fetch();
    versions.push(await response.json());
    if (ids.length === 1) {
      await route.abort("connectionreset");
    } else {
      await route.fulfill({ response });
    }
  });
  await p.getByRole("textbox").first().fill("Bra bibliotek");
  await p.getByRole("button", { name: "Lägg till lapp" }).click();

  await expect.poll(() => versions.length).toBe(2);
  expect(ids[1]).toBe(ids[0]);
  // The second try changed nothing: the server answered the version the first one made.
  expect(versions[1]).toBe(versions[0]);
  // The phone's own list and the projector's count agree: one note.
  await expect(p.getByTestId("my-notes").locator("li")).toHaveCount(1);
  await expect(p.getByTestId("my-notes")).toContainText("Bra bibliotek");
  await expect(host.locator("[data-testid=progress] li", { hasText: "Ulla" })).toContainText("1");
  await expect(p.getByText("Kunde inte nå servern")).toHaveCount(0);
});
