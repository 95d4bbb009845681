// PUT /api/v1/coordinations/{cid}/progress: set the team's progress (logged as progress)
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { ProgressBody, toUpdateDto } from "@/lib/schemas/whiteboard";
import { updateProgress } from "@/lib/domain/whiteboard";
import { actorOf } from "@/lib/domain/access";

export const PUT = defineRoute({
  route: "/api/v1/coordinations/[cid]/progress",
  auth: "coordination:write",
  params: CoordinationParams,
  body: ProgressBody,
  handler: async ({ params, body, principal }) => {
    const r = await updateProgress({
      coordinationId: params.cid,
      ...body,
      actor: actorOf(principal),
    });
    return json({ progress: r.progress, version: r.version, update: toUpdateDto(r.update) });
  },
});
