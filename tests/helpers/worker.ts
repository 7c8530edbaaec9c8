// Starts a real graphile-worker in the test process (same tasks as `autoflow worker`).
import { startWorker, type StartedWorker } from "../../worker/start-worker";

export async function withWorker(concurrency = 5): Promise<StartedWorker> {
  return startWorker({ concurrency, handleSignals: false });
}
