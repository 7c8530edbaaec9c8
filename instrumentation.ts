// Next.js calls register() once when the web server starts. The web process runs the alert
// watchdog: when no worker has evaluated the alert rules for a while (every worker down), it
// evaluates them itself, so "no live worker" and "schedule missed its fire" alerts still go out.
// See server/domain/alerts/watchdog.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (!process.env.DATABASE_URL) return;
  const { startAlertWatchdog } = await import("./server/domain/alerts/watchdog");
  startAlertWatchdog();
}
