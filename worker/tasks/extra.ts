// Tasks beyond the event path: threshold checks (and later maintenance) register here.
import type { TaskList } from "graphile-worker";
import { threshold } from "./threshold";

export const extraTasks: TaskList = { threshold };
