// GET /api/metrics: Prometheus text exposition of this process's metrics
import { connection } from "next/server";
import { metrics } from "@/lib/metrics";

export async function GET(): Promise<Response> {
  await connection();
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
