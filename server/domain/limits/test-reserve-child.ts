// Tests only: one separate process taking rate-limit slots (rate-limiter.test.ts starts several
// at once to show the buckets hold across processes). Prints how many calls went at once.
import { closeDb } from "../../db";
import { reserve } from "./rate-limiter";

const [key, perMinute, calls] = process.argv.slice(2);
const results = await Promise.all(Array.from({ length: Number(calls) }, () => reserve(key, { perMinute: Number(perMinute) })));
console.log(JSON.stringify({ immediate: results.filter((r) => r.reserved && r.delayMs === 0).length }));
await closeDb();
