// Liveness of what Huddle depends on. Never throws.
import { getPrisma } from "../db";

export async function checkDatabase(timeoutMs = 2000): Promise<boolean> {
  try {
    const prisma = await getPrisma();
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
