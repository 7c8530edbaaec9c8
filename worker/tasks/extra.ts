// Tasks added by later capabilities (thresholds, maintenance) register here.
import type { TaskList } from "graphile-worker";

export const extraTasks: TaskList = {};
