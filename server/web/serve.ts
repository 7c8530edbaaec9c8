// The web process (`autoflow web`, `npm start`, e2e, bench and chaos runs): one Node HTTP server in
// front of the built Next.js app. POST /api/v1/events and POST /api/v1/hooks/{ruleId} take the
// fast path (ingest-fast-path.ts: the same REST handler, without Next's request pipeline); every
// other request goes to Next's own request handler, which serves it exactly as `next start` does
// (pages, proxy.ts, tRPC, next-auth, the rest of /api/v1, /api/metrics, instrumentation.ts).
//
// Env: PORT (3000), HOST (0.0.0.0), and what the app reads (README). Run it with
// `node --import tsx server/web/serve.ts` and NODE_ENV=production on a built app (`next build`).
// SIGTERM / SIGINT: stop accepting, finish what is in flight (at most 10 s), close Next and the
// database pools, exit.
import http from "node:http";
import path from "node:path";
import next from "next";
import { closeDb } from "../db";
import { handleIngestFastPath } from "./ingest-fast-path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function startWebServer(opts: { port: number; hostname: string; dir?: string }): Promise<{ server: http.Server; close(): Promise<void> }> {
  const app = next({ dev: false, dir: opts.dir ?? ROOT, port: opts.port, hostname: opts.hostname });
  await app.prepare();
  const handleNext = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    if (handleIngestFastPath(req, res)) return;
    handleNext(req, res).catch((err: unknown) => {
      console.error(`Failed to handle request for ${req.url}`, err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await closed;
      await app.close().catch(() => {});
      await closeDb();
    })());
  return { server, close };
}

// Run as a process.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.title = "autoflow-web";
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST ?? "0.0.0.0";
  const web = await startWebServer({ port, hostname }).catch((err: unknown) => {
    console.error("the web app could not start:", err);
    process.exit(1);
  });
  console.log(`web app listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  let stopping = false;
  for (const [sig, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => process.exit(code), 10_000).unref();
      void web.close().finally(() => process.exit(code));
    });
  }
}
