// Executions running in this process, so that a cancel (delivered by Postgres NOTIFY) can abort
// the action in flight through its AbortSignal.
import { ActionError } from "../actions/plugin";

const running = new Map<string, AbortController>();

export function registerRunning(id: string, c: AbortController): void {
  running.set(id, c);
}

export function unregisterRunning(id: string): void {
  running.delete(id);
}

export function abortRunning(id: string): boolean {
  const c = running.get(id);
  if (!c) return false;
  c.abort(new ActionError("runtime", "cancelled", { retryable: false }));
  return true;
}

export function runningCount(): number {
  return running.size;
}
