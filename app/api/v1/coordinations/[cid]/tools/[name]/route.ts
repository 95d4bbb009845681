// POST /api/v1/coordinations/{cid}/tools/{name}: run a coordinator tool → {"result": "<text>"}
import { z } from "zod";
import { defineRoute, json } from "@/lib/http/route";
import { Id } from "@/lib/schemas/common";
import { runTool } from "@/lib/domain/tools";
import { actorOf } from "@/lib/domain/access";

export const POST = defineRoute({
  route: "/api/v1/coordinations/[cid]/tools/[name]",
  auth: "coordination:write",
  // Any name: one that is not a tool is runTool's 404, however long.
  params: z.object({ cid: Id, name: z.string() }),
  body: z.unknown(),
  handler: async ({ params, body, principal }) => json({ result: await runTool(params.cid, params.name, body, actorOf(principal)) }),
});
