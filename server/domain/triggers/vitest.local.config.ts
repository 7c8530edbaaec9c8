import path from "node:path";
import { defineConfig } from "vitest/config";
// Temporary: runs only this folder without the repo's database globalSetup. Delete before finishing.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "../../..") } },
  test: { include: ["server/domain/triggers/**/*.test.ts"] },
});
