// Browser tests against the production build served by the custom server (Socket.IO and all),
// on a fresh embedded PGlite database per run. Build first: `npm run build` (or, beside other
// builds, `NEXT_DIST_DIR=.next-ui npx next build` and the same NEXT_DIST_DIR here).
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN_TOKEN, operatorStatePath } from "./e2e/support";

const PORT = Number(process.env.HUDDLE_E2E_PORT ?? 3210);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The config is loaded by the runner and again by each worker: make the folder once.
process.env.HUDDLE_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "huddle-e2e-"));
const DATA_DIR = process.env.HUDDLE_E2E_DATA_DIR;

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: existsSync(DEBIAN_CHROMIUM)
    ? {
        executablePath: DEBIAN_CHROMIUM,
        args: [
          "--no-sandbox",
          "--headless",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      }
    : {},
};

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "sign-in", testMatch: /.*\.setup\.ts/, use: chromium },
    // Every context a test opens (browser.newContext() too) starts signed in.
    { name: "chromium", dependencies: ["sign-in"], use: { ...chromium, storageState: operatorStatePath(DATA_DIR) } },
  ],
  webServer: {
    command: "node --import tsx server/index.ts",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      HUDDLE_DATA_DIR: DATA_DIR,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? "",
      // The embedded database and one process, whatever the shell has set.
      DATABASE_URL: "",
      REDIS_URL: "",
      // A known admin token, so the tests' API client can authenticate once access control lands.
      HUDDLE_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      LOG_LEVEL: "warn",
    },
  },
});
