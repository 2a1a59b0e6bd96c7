import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The browser tests drive the release build of Blixt (built by scripts/test.sh) in Debian's
// Chromium. Playwright starts the server on its own port with a fresh database and waits until
// it answers before any test runs.
const port = Number(process.env.BLIXT_E2E_PORT ?? 3100);
const dataDir = path.join(os.tmpdir(), `blixt-e2e-${port}`);

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // No sandbox as root; no background traffic to a network this machine does not have.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `rm -rf "${dataDir}" && exec ./target/release/blixt`,
    cwd: "..",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      BLIXT_ADDR: `127.0.0.1:${port}`,
      BLIXT_DATABASE_URL: `sqlite://${dataDir}/blixt.db`,
      LEPTOS_SITE_ROOT: "target/site",
      RUST_LOG: "warn",
      // A heartbeat every second: a phone whose connection died silently notices within seconds.
      BLIXT_HEARTBEAT_MS: "1000",
      // Every test makes its jams from 127.0.0.1.
      BLIXT_NEW_JAMS_BURST: "1000",
    },
  },
});
