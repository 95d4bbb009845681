// POST /api/v1/coordinations/{cid}/blockers: {"action": "add" | "remove", "blocker"}
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { BlockerBody } from "@/lib/schemas/whiteboard";
import { manageBlocker } from "@/lib/domain/whiteboard";
import { actorOf } from "@/lib/domain/access";

export const POST = defineRoute({
  route: "/api/v1/coordinations/[cid]/blockers",
  auth: "coordination:write",
  params: CoordinationParams,
  body: BlockerBody,
  handler: async ({ params, body, principal }) => {
    const r = await manageBlocker({ coordinationId: params.cid, action: body.action, blocker: body.blocker, actor: actorOf(principal) });
    return json({ status: r.status, active_blockers: r.activeBlockers, version: r.version });
  },
});
