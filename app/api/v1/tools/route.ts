// GET /api/v1/tools: the coordinator tools as LLM tool definitions (?format=openai for OpenAI's)
import { defineRoute, json } from "@/lib/http/route";
import { ToolsQuery } from "@/lib/schemas/tools";
import { toolDefinitions } from "@/lib/domain/tools";

export const GET = defineRoute({
  route: "/api/v1/tools",
  auth: "team:read",
  query: ToolsQuery,
  handler: async ({ query }) => json(toolDefinitions(query.format)),
});
