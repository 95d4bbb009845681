// Shared set-up for the browser tests: an API client (what agents and coordinators do), the
// seed 003 team building a churn prediction system, and unique ids per test.
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type TestInfo } from "@playwright/test";

export { expect };

/** The admin token the e2e server starts with (playwright.config.ts): the API client sends it. */
export const E2E_ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef0123456789abcdef";

/** Where the signed-in operator's cookies are kept for the run (beside the run's database). */
export function operatorStatePath(dataDir = process.env.HUDDLE_E2E_DATA_DIR ?? tmpdir()) {
  return path.join(dataDir, "operator-state.json");
}

export function uniqueId(prefix: string, info: TestInfo) {
  return `${prefix}-${info.workerIndex}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

export class HuddleApi {
  constructor(private readonly request: APIRequestContext) {}

  private async call(method: "get" | "post" | "put" | "patch", path: string, data?: unknown) {
    const res = await this.request[method](`/api/v1${path}`, {
      data,
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (!res.ok()) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status()}: ${JSON.stringify(body)}`);
    return body;
  }

  createCoordination(body: Record<string, unknown>) {
    return this.call("post", "/coordinations", body);
  }
  setMission(cid: string, mission: string, currentFocus: string) {
    return this.call("put", `/coordinations/${cid}/mission`, { mission, current_focus: currentFocus });
  }
  setProgress(cid: string, progress: string) {
    return this.call("put", `/coordinations/${cid}/progress`, { progress });
  }
  blocker(cid: string, action: "add" | "remove", blocker: string) {
    return this.call("post", `/coordinations/${cid}/blockers`, { action, blocker });
  }
  decision(cid: string, decision: string, rationale?: string) {
    return this.call("post", `/coordinations/${cid}/decisions`, { decision, rationale });
  }
  postUpdate(cid: string, update: { agent_name: string; update_type: string; content: Record<string, unknown>; tags?: string[] }) {
    return this.call("post", `/coordinations/${cid}/updates`, update);
  }
  setResources(cid: string, aid: string, resourceAllocation: Record<string, number>, expectedVersion?: number) {
    return this.call("put", `/coordinations/${cid}/agents/${aid}/resource-allocation`, {
      resource_allocation: resourceAllocation,
      ...(expectedVersion ? { expected_version: expectedVersion } : {}),
    });
  }
  updateSharedIntelligence(cid: string, updateType: string, updateData: Record<string, unknown>) {
    return this.call("patch", `/coordinations/${cid}/shared-intelligence`, { update_type: updateType, update_data: updateData });
  }
}

/** The seed 003 example team: a coordinator and three workers building churn prediction. */
export function churnTeam(cid: string) {
  const assignment = (role: string, objective: string, tasks: string[], dependencies: string[] = []) => ({
    agent_role: role,
    objective,
    tasks,
    dependencies,
    input_data: { source: "warehouse.customers", window_days: 180 },
    output_requirements: { format: "parquet", location: `s3://churn/${role.toLowerCase().replace(/ /g, "_")}/` },
    success_criteria: { reviewed_by: "Coordinator" },
  });
  return {
    coordination_state: {
      coordination_id: cid,
      session_id: "session-churn-2026-11",
      parent_workflow_id: null,
      workflow_type: "data_science",
    },
    agent_assignments: {
      data_engineer: assignment("Data Engineer", "Set up the data pipeline for customer data", [
        "ingest_customer_events",
        "build_feature_tables",
        "schedule_daily_refresh",
      ]),
      data_analyst: assignment("Data Analyst", "Analyze customer behavior patterns and identify churn indicators", [
        "cohort_analysis",
        "churn_indicator_report",
      ], ["data_engineer"]),
      ml_engineer: assignment("ML Engineer", "Build and validate the churn prediction model", [
        "baseline_model",
        "gradient_boosting_model",
        "model_card",
      ], ["data_engineer", "data_analyst"]),
    },
    shared_intelligence: {
      type_registry: { churn_label: "boolean", customer_id: "string", tenure_months: "integer" },
      pattern_library: { feature_engineering: ["rolling_30d_usage", "support_ticket_rate"] },
      validation_rules: { min_rows: 10000, max_null_ratio: 0.05 },
      naming_conventions: { tables: "snake_case", features: "f_<source>_<name>" },
      dependency_graph: { ml_engineer: ["data_engineer", "data_analyst"], data_analyst: ["data_engineer"] },
    },
    resource_allocations: { ml_engineer: { max_memory_mb: 4096, max_execution_time_ms: 600000 } },
    team_roles: {
      data_engineer: "Infrastructure & Data",
      data_analyst: "Analysis & Insights",
      ml_engineer: "Model Development",
    },
  };
}

/** A whiteboard with some history, as the seed's walkthrough leaves it. */
export async function seedChurnWhiteboard(api: HuddleApi, cid: string) {
  await api.createCoordination({ ...churnTeam(cid), replace: true });
  await api.setMission(cid, "Build customer churn prediction system", "Data collection and pipeline setup");
  await api.postUpdate(cid, {
    agent_name: "data_engineer",
    update_type: "finding",
    content: { task: "Set up data pipeline for customer data", response_summary: "Data pipeline deployed successfully", status: "completed" },
    tags: ["worker_response", "data_engineer"],
  });
  await api.postUpdate(cid, {
    agent_name: "data_analyst",
    update_type: "finding",
    content: { task: "Analyze customer behavior patterns", response_summary: "Support ticket rate and usage drop are the strongest churn indicators", status: "completed" },
    tags: ["worker_response", "data_analyst"],
  });
  await api.setProgress(cid, "Data pipeline deployed, analysis in progress");
  await api.blocker(cid, "add", "API rate limit reached, need backoff logic");
  await api.decision(cid, "Using gradient boosting for initial model", "Best performance on validation set with limited training time");
  await api.postUpdate(cid, {
    agent_name: "ml_engineer",
    update_type: "artifact",
    content: { artifact: "models/churn_gbm_v1.pkl", auc: 0.87, note: "baseline gradient boosting" },
    tags: ["model"],
  });
  await api.updateSharedIntelligence(cid, "validation_rules", { min_auc: 0.85 });
}

export const test = base.extend<{ api: HuddleApi }>({
  api: async ({ request }, provide) => {
    await provide(new HuddleApi(request));
  },
});
