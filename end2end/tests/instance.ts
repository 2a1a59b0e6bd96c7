import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// A Blixt server of a test's own (the release binary), for tests that stop and start servers or
// run several instances on one database.

/** How long a server may take to answer its health check after it was started. */
const READY_MS = 30_000;

export class Instance {
  private constructor(
    private readonly process: ChildProcess,
    readonly base: string,
  ) {}

  /** Starts Blixt on `port` with the database at `databaseUrl` and waits until it answers. */
  static async start(port: number, databaseUrl: string): Promise<Instance> {
    const child = spawn("./target/release/blixt", [], {
      cwd: "..",
      env: {
        ...process.env,
        BLIXT_ADDR: `127.0.0.1:${port}`,
        BLIXT_DATABASE_URL: databaseUrl,
        LEPTOS_SITE_ROOT: "target/site",
        RUST_LOG: "warn",
        BLIXT_HEARTBEAT_MS: "1000",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const instance = new Instance(child, `http://127.0.0.1:${port}`);
    await instance.ready();
    return instance;
  }

  private async ready() {
    const deadline = Date.now() + READY_MS;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) {
        throw new Error(`Blixt on ${this.base} exited with ${this.process.exitCode}`);
      }
      const answer = await fetch(`${this.base}/healthz`).catch(() => null);
      if (answer?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await this.stop();
    throw new Error(`Blixt on ${this.base} did not answer within ${READY_MS} ms`);
  }

  /** Stops the server as a service manager would (SIGTERM) and waits until it has exited. */
  async stop() {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    this.process.kill("SIGTERM");
    await exited;
  }
}

/** A SQLite database in a new temporary folder. */
export function freshSqlite(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blixt-e2e-"));
  return `sqlite://${dir}/blixt.db`;
}

/** A new, empty database on the PostgreSQL server of `serverUrl` (any database URL there). */
export function freshDatabase(serverUrl: string): string {
  const name = `blixt_e2e_${process.pid}_${Date.now()}`;
  execFileSync("psql", [serverUrl, "-q", "-c", `CREATE DATABASE ${name}`]);
  return serverUrl.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
}
