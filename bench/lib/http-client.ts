// A keep-alive HTTP client for the REST API on loopback, with a cap on sockets.
import http from "node:http";

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  ms: number;
}

export class ApiClient {
  readonly agent: http.Agent;
  constructor(
    readonly port: number,
    readonly token: string,
    maxSockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request<T = any>(method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<HttpAnswer<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          method,
          path: `/api/v1${path}`,
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString();
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // not JSON (an HTML error page): keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T, ms: performance.now() - t0 });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on("error", reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
