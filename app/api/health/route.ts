// GET /api/health: {"status": "ok", "database": "ok"}, 503 when the database does not answer
import { connection } from "next/server";
import { checkDatabase } from "@/lib/domain/health";

export async function GET(): Promise<Response> {
  await connection();
  const ok = await checkDatabase();
  return Response.json(
    ok ? { status: "ok", database: "ok" } : { status: "degraded", database: "unavailable" },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
