// A loopback HTTP endpoint for the http action that counts deliveries per Idempotency-Key, so a
// chaos run can tell a side effect that happened once from one that happened twice (or never).
import http from "node:http";

export interface CountingServer {
  port: number;
  url: string;
  /** deliveries per idempotency key (every request that reached the server, answered or not) */
  counts: Map<string, number>;
  inFlight(): number;
  total(): number;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startCountingServer(port: number, delayMs = 0): Promise<CountingServer> {
  const counts = new Map<string, number>();
  let delay = delayMs;
  let inFlight = 0;
  let total = 0;
  const server = http.createServer((req, res) => {
    const key = String(req.headers["idempotency-key"] ?? "none");
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
    inFlight++;
    req.resume();
    const answer = () => {
      inFlight--;
      if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    };
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/hook`,
    counts,
    inFlight: () => inFlight,
    total: () => total,
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
