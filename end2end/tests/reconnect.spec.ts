import { expect, Page, test } from "@playwright/test";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { phone, projector } from "./screens";

// A server of this test's own, so it can be stopped and started again under the screens.
const port = Number(process.env.BLIXT_E2E_PORT ?? 3100) + 1;
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "blixt-reconnect-"));

function startServer(): ChildProcess {
  return spawn("./target/release/blixt", [], {
    cwd: "..",
    env: {
      ...process.env,
      BLIXT_ADDR: `127.0.0.1:${port}`,
      BLIXT_DATABASE_URL: `sqlite://${dataDir}/blixt.db`,
      LEPTOS_SITE_ROOT: "target/site",
      RUST_LOG: "warn",
    },
    stdio: "ignore",
  });
}

async function serverAnswers() {
  await expect
    .poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status, { timeout: 20_000 })
    .toBe(200);
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => document.body.dataset.hydrated === "true");
}

test("a phone that loses the server shows it, then catches up by itself", async ({ browser }) => {
  let server = startServer();
  try {
    await serverAnswers();
    const host = await (await projector(browser)).newPage();
    await host.goto(`${base}/`);
    await hydrated(host);
    await host.getByLabel("Utmaning eller ämne").fill("Återanslutning");
    await host.getByRole("button", { name: "Skapa jam" }).click();
    await expect(host).toHaveURL(/\/host\/[A-Z]{6}$/);
    const code = host.url().split("/").pop()!;
    const p = await (await phone(browser)).newPage();
    await p.goto(`${base}/j/${code}`);
    await hydrated(p);
    await p.getByLabel("Ditt namn").fill("Eva");
    await p.getByRole("button", { name: "Gå med" }).click();
    await expect(p.getByRole("heading", { name: "Du är med!" })).toBeVisible();
    await hydrated(p);
    await p.evaluate(() => ((window as any).__sameDocument = true));

    // The server goes away (a restart, a dropped connection): the phone says so.
    await stopServer(server);
    await expect(p.getByRole("status")).toHaveText("Anslutningen bröts – återansluter…");

    // It comes back; meanwhile the jam moved on. The phone catches up without a reload.
    server = startServer();
    await serverAnswers();
    await host.reload();
    await hydrated(host);
    await host.getByTestId("next-round").click();
    await expect(host.getByTestId("round-name")).toHaveText("Vad fungerar?");
    await expect(p.getByTestId("round-name")).toHaveText("Vad fungerar?", { timeout: 15_000 });
    await expect(p.getByRole("status")).toHaveCount(0);
    expect(await p.evaluate(() => (window as any).__sameDocument)).toBe(true);
  } finally {
    await stopServer(server);
  }
});
