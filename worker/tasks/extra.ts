// Tasks beyond the event path: threshold checks (and later maintenance) register here.
import type { TaskList } from "graphile-worker";
import { threshold } from "./threshold";
import { alerts } from "./alerts";
import { retention } from "./retention";

export const extraTasks: TaskList = {
  threshold,
  alerts, // monitoring: alert evaluator (self-rescheduling, monitoring:alerts)
  retention, // monitoring: retention sweep (self-rescheduling, monitoring:retention)
};
