import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets two builds (say, two worktrees' test runs) live side by side; the default is .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // One copy of each of these, shared between the custom server and Next's bundles.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "pino",
    "prom-client",
    "socket.io",
    "@socket.io/redis-adapter",
    "redis",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
