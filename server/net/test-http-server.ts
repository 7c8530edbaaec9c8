// Tests only: a real HTTP server on a loopback address whose answers a test scripts one request
// at a time, recording what arrived. 127.0.0.0/8 is all loopback on Linux, so tests can bind
// 127.0.0.2 or 127.0.0.3 to play "another host" without leaving the machine.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: SeenRequest, res: http.ServerResponse) => void;

export interface TestHttpServer {
  host: string;
  port: number;
  /** `http://host:port` */
  origin: string;
  requests: SeenRequest[];
  handle(h: Handler): void;
  close(): Promise<void>;
}

export async function startTestHttpServer(host = "127.0.0.1"): Promise<TestHttpServer> {
  const requests: SeenRequest[] = [];
  let handler: Handler = (_req, res) => res.end("ok");
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(seen);
      handler(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    origin: `http://${host}:${port}`,
    requests,
    handle(h) {
      handler = h;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
