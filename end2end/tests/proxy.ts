import * as net from "node:net";

/**
 * A TCP proxy in front of the server for one browser context, so a test can make that
 * context's network fail the way venue Wi-Fi does. `freeze()` turns every open connection into
 * a black hole: what the server sends is dropped and nothing is closed, as when a phone's Wi-Fi
 * dies without a word (Playwright's `setOffline` does not cut connections already open). As
 * with a router that has forgotten them, a frozen connection the browser sends on again is
 * reset; connections made afterwards work.
 */
export class Proxy {
  private frozen = new Set<net.Socket>();
  private open = new Set<net.Socket>();

  private constructor(private server: net.Server) {}

  static async start(targetPort: number): Promise<Proxy> {
    const server = net.createServer();
    const proxy = new Proxy(server);
    server.on("connection", (client) => proxy.forward(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get base(): string {
    const { port } = this.server.address() as net.AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Every connection open now stops carrying anything, without closing. */
  freeze() {
    for (const socket of this.open) this.frozen.add(socket);
  }

  async stop() {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private forward(client: net.Socket, targetPort: number) {
    const upstream = net.connect(targetPort, "127.0.0.1");
    this.open.add(client);
    const pass = (from: net.Socket, to: net.Socket) => {
      from.on("data", (chunk) => {
        if (!this.frozen.has(client)) to.write(chunk);
        else if (from === client) {
          client.resetAndDestroy();
          upstream.destroy();
        }
      });
      from.on("close", () => {
        if (!this.frozen.has(client)) to.destroy();
        this.open.delete(client);
      });
      from.on("error", () => to.destroy());
    };
    pass(client, upstream);
    pass(upstream, client);
  }
}
