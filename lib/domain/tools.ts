// The five coordinator tools (seed 003) as LLM tool definitions and as calls. A tool call is
// parsed with the tool's schema and runs the same whiteboard function as the REST endpoint; this
// module only adds the seed's result texts. It holds no rule of its own.
import { z } from "zod";
import {
  GetTeamStatusArgs,
  LogDecisionArgs,
  ManageBlockerArgs,
  TOOL_NAMES,
  UpdateMissionArgs,
  UpdateProgressArgs,
  type ToolName,
} from "../schemas/tools";
import { NotFound, validationError } from "./errors";
import { getTeamStatus, logDecision, manageBlocker, updateMission, updateProgress, type Actor } from "./whiteboard";

interface ToolSpec<S extends z.ZodType> {
  description: string;
  args: S;
  run: (coordinationId: string, args: z.output<S>, actor: Actor) => Promise<string>;
}

const tool = <S extends z.ZodType>(spec: ToolSpec<S>) => spec;

const TOOLS: Record<ToolName, ToolSpec<z.ZodType>> = {
  update_mission_func: tool({
    description:
      "Set or update the team's mission and current focus. Use at the start of a new project or major task, " +
      "and when changing direction or priorities. Workers see it in their context view.",
    args: UpdateMissionArgs,
    run: async (coordinationId, args, actor) => {
      const r = await updateMission({ coordinationId, mission: args.mission, currentFocus: args.current_focus, actor });
      return `Mission updated: ${r.mission}\nCurrent focus: ${r.currentFocus}`;
    },
  }),
  update_progress_func: tool({
    description:
      "Track the team's overall progress. Use after workers complete significant milestones and when " +
      "transitioning between project phases.",
    args: UpdateProgressArgs,
    run: async (coordinationId, args, actor) => {
      const r = await updateProgress({ coordinationId, progress: args.progress, actor });
      return `Progress updated: ${r.progress}`;
    },
  }),
  manage_blocker_func: tool({
    description:
      "Add or remove a blocker from the team's active blockers list. Use when a worker reports an issue " +
      "(action 'add') and when it is resolved (action 'remove', with the exact same text).",
    args: ManageBlockerArgs,
    run: async (coordinationId, args, actor) => {
      if (args.action !== "add" && args.action !== "remove") return `Invalid action: ${args.action}. Use 'add' or 'remove'.`;
      const r = await manageBlocker({ coordinationId, action: args.action, blocker: args.blocker, actor });
      return `Blocker ${r.status}: ${args.blocker}\nActive blockers: ${r.activeBlockers.length ? r.activeBlockers.join(", ") : "None"}`;
    },
  }),
  log_decision_func: tool({
    description:
      "Log an important coordination decision, with optional rationale: architectural or strategic choices, " +
      "choices between alternatives, team protocols. Workers see decisions in recent updates.",
    args: LogDecisionArgs,
    run: async (coordinationId, args, actor) => {
      await logDecision({ coordinationId, decision: args.decision, rationale: args.rationale, actor });
      return `Decision logged: ${args.decision}`;
    },
  }),
  get_team_status_func: tool({
    description:
      "Get a summary of the current team status and recent activity: mission, focus, progress, active " +
      "blockers and the last 10 updates.",
    args: GetTeamStatusArgs,
    run: async (coordinationId) => (await getTeamStatus(coordinationId)).text,
  }),
};

function inputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { type: "object", properties: {}, ...json };
}

/** Tool definitions: Anthropic-style `input_schema`, or OpenAI's function format. */
export function toolDefinitions(format: "anthropic" | "openai") {
  const defs = TOOL_NAMES.map((name) => ({ name, description: TOOLS[name].description, input_schema: inputSchema(TOOLS[name].args) }));
  if (format === "anthropic") return { tools: defs };
  return {
    tools: defs.map((d) => ({ type: "function", function: { name: d.name, description: d.description, parameters: d.input_schema } })),
  };
}

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/** Runs a tool by name with raw arguments; returns the seed's result text. */
export async function runTool(coordinationId: string, name: string, rawArgs: unknown, actor: Actor): Promise<string> {
  if (!isToolName(name)) throw NotFound(`unknown tool '${name}'; the tools are ${TOOL_NAMES.join(", ")}`);
  const spec = TOOLS[name];
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success) throw validationError(parsed.error);
  return spec.run(coordinationId, parsed.data, actor);
}
