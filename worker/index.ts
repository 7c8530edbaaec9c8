// Worker entrypoint: `npm run autoflow -- worker` (or started by `npm start`).
import { startWorker } from "./start-worker";

await startWorker({ handleSignals: true });
