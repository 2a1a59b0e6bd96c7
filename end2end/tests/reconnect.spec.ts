import { expect, Page, test } from "@playwright/test";
import { freshSqlite, Instance } from "./instance";
import { createJam, hydrated, phone, projector } from "./screens";

// A server of this test's own, so it can be stopped and started again under the screens.
const port = Number(process.env.BLIXT_E2E_PORT ?? 3100) + 1;
const database = freshSqlite();

test("a phone that loses the server shows it, then catches up by itself", async ({ browser }) => {
  let server = await Instance.start(port, database);
  const base = server.base;
  try {
    const host = await (await projector(browser)).newPage();
    const code = await createJam(host, "Återanslutning", base);
    const p = await (await phone(browser)).newPage();
    await p.goto(`${base}/j/${code}`);
    await hydrated(p);
    await p.getByLabel("Ditt namn").fill("Eva");
    await p.getByRole("button", { name: "Gå med" }).click();
    await expect(p.getByRole("heading", { name: "Du är med!" })).toBeVisible();
    await hydrated(p);
    await p.evaluate(() => ((window as any).__sameDocument = true));

    // The server goes away (a restart, a dropped connection): the phone says so.
    await server.stop();
    await expect(p.getByRole("status")).toHaveText("Anslutningen bröts – återansluter…");

    // It comes back; meanwhile the jam moved on. The phone catches up without a reload.
    server = await Instance.start(port, database);
    await host.reload();
    await hydrated(host);
    await host.getByTestId("next-round").click();
    await expect(host.getByTestId("round-name")).toHaveText("Vad fungerar?");
    await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?", { timeout: 15_000 });
    await expect(p.getByRole("status")).toHaveCount(0);
    expect(await p.evaluate(() => (window as any).__sameDocument)).toBe(true);
  } finally {
    await server.stop();
  }
});
