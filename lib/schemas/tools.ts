// Arguments of the five coordinator tools (seed 003). The same schemas validate a tool call and
// produce the JSON Schema that LLM frameworks receive.
import { z } from "zod";
import { BlockerText, DecisionBody, hasMissionOrFocus, MissionFields, missionOrFocusIssue, ProgressFields } from "./whiteboard";

export const UpdateMissionArgs = z
  .strictObject({
    mission: MissionFields.shape.mission.describe("Overall goal for the team"),
    current_focus: MissionFields.shape.current_focus.describe("What the team is currently focused on"),
  })
  .refine(hasMissionOrFocus, missionOrFocusIssue);

export const UpdateProgressArgs = ProgressFields.pick({ progress: true }).extend({
  progress: ProgressFields.shape.progress.describe("Current progress description"),
});

// `action` is any string here: an unknown action is answered with the seed's text, not a 400.
export const ManageBlockerArgs = z.strictObject({
  action: z.string().max(64, "must be at most 64 characters").describe("'add' or 'remove'"),
  blocker: BlockerText.describe("Description of the blocker"),
});

export const LogDecisionArgs = z.strictObject({
  decision: DecisionBody.shape.decision.describe("The decision that was made"),
  rationale: DecisionBody.shape.rationale.describe("Optional reasoning for the decision"),
});

export const GetTeamStatusArgs = z.object({}).describe("No parameters");

export const TOOL_NAMES = [
  "update_mission_func",
  "update_progress_func",
  "manage_blocker_func",
  "log_decision_func",
  "get_team_status_func",
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const ToolsQuery = z.strictObject({
  format: z.enum(["anthropic", "openai"], { error: "must be 'anthropic' or 'openai'" }).default("anthropic"),
});

