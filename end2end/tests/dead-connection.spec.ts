import { expect, Page, test } from "@playwright/test";
import { Proxy } from "./proxy";
import { createJam, hydrated, phone, projector } from "./screens";

// A phone whose connection dies without a close (Wi-Fi gone, no FIN, no error) notices by itself
// that the heartbeats stopped and is back on the current round within seconds, without a reload.

const port = Number(process.env.BLIXT_E2E_PORT ?? 3100);

test("a phone whose connection dies silently catches up by itself", async ({ browser }) => {
  const proxy = await Proxy.start(port);
  try {
    const host = await (await projector(browser)).newPage();
    const code = await createJam(host, "Tyst avbrott");

    const p = await (await phone(browser)).newPage();
    await p.goto(`${proxy.base}/j/${code}`);
    await hydrated(p);
    await p.getByLabel("Ditt namn").fill("Tyra");
    await p.getByRole("button", { name: "Gå med" }).click();
    await expect(p.getByRole("heading", { name: "Du är med!" })).toBeVisible();
    await hydrated(p);
    await expect(host.getByTestId("participant-count")).toHaveText("1");
    await p.evaluate(() => ((window as any).__sameDocument = true));

    // The phone's connection goes dark; the room moves on.
    proxy.freeze();
    await host.getByTestId("next-round").click();
    await expect(host.getByTestId("round-name")).toHaveText("Vad fungerar?");

    // The server's heartbeat comes every second here: a few seconds of silence and the phone
    // reconnects and shows the round.
    const started = Date.now();
    await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?", { timeout: 10_000 });
    console.log(`phone back on the current round after ${Date.now() - started} ms`);
    expect(await p.evaluate(() => (window as any).__sameDocument)).toBe(true);
  } finally {
    await proxy.stop();
  }
});
