// POST /api/v1/coordinations/{cid}/updates: an agent's entry in the log → 201 with its seq
// GET  /api/v1/coordinations/{cid}/updates: ?after_seq=&limit=&update_type=&agent_name=, oldest first
import { defineRoute, json } from "@/lib/http/route";
import { CoordinationParams } from "@/lib/schemas/contexts";
import { ListUpdatesQuery, PostUpdateBody, toUpdateDto } from "@/lib/schemas/whiteboard";
import { postUpdate } from "@/lib/domain/whiteboard";
import { listUpdates } from "@/lib/domain/updates";
import { postingAs } from "@/lib/domain/access";

export const POST = defineRoute({
  route: "/api/v1/coordinations/[cid]/updates",
  auth: "updates:post",
  params: CoordinationParams,
  body: PostUpdateBody,
  handler: async ({ params, body, principal }) => {
    const update = await postUpdate({
      coordinationId: params.cid,
      agentName: postingAs(principal, body.agent_name),
      updateType: body.update_type,
      content: body.content,
      tags: body.tags,
    });
    return json(toUpdateDto(update), { status: 201 });
  },
});

export const GET = defineRoute({
  route: "/api/v1/coordinations/[cid]/updates",
  auth: "team:read",
  params: CoordinationParams,
  query: ListUpdatesQuery,
  handler: async ({ params, query }) => {
    const page = await listUpdates({
      coordinationId: params.cid,
      afterSeq: query.after_seq,
      limit: query.limit,
      updateType: query.update_type,
      agentName: query.agent_name,
    });
    return json({ updates: page.updates.map(toUpdateDto), next_after_seq: page.nextAfterSeq, has_more: page.hasMore });
  },
});
