// The operator UI in a real browser against a real Huddle: what an operator sees and does.
import { churnTeam, expect, test, uniqueId } from "./support";

const whiteboard = (cid: string) => `/coordinations/${cid}`;
const inspector = (cid: string, aid: string) => `/coordinations/${cid}/agents/${aid}`;

test("the home page lists a coordination created through the API, and one created later appears without reload", async ({ page, api }, info) => {
  const first = uniqueId("churn-home", info);
  await api.createCoordination(churnTeam(first));
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Coordinations" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(first) });
  await expect(row.getByRole("link", { name: first })).toBeVisible();
  await expect(row).toContainText("data_science");
  await expect(row).toContainText("session-churn-2026-11");

  const second = uniqueId("churn-later", info);
  await api.createCoordination(churnTeam(second));
  await expect(page.getByRole("link", { name: second })).toBeVisible();
  await page.getByRole("link", { name: first }).click();
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
});

test("a blocker added by one operator appears for another without reload, and resolving it removes it for both", async ({ browser, api }, info) => {
  const cid = uniqueId("churn-blockers", info);
  await api.createCoordination(churnTeam(cid));
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await alice.goto(whiteboard(cid));
  await bob.goto(whiteboard(cid));
  await expect(bob.getByRole("status", { name: "Connection: Live" })).toBeVisible();

  await alice.getByLabel("New blocker").fill("Warehouse credentials expired");
  await alice.getByRole("button", { name: "Add blocker" }).click();

  const bobBlockers = bob.getByRole("list", { name: "Active blockers" });
  await expect(bobBlockers.getByText("Warehouse credentials expired")).toBeVisible();
  await expect(bob.getByRole("feed")).toContainText("Blocker added: Warehouse credentials expired");

  await bob.getByRole("button", { name: "Resolve blocker: Warehouse credentials expired" }).click();
  await expect(alice.getByText("Nothing is blocking the team.")).toBeVisible();
  await alice.context().close();
  await bob.context().close();
});

test("an agent's update posted through the API appears live in the feed and in the roster's last activity", async ({ page, api }, info) => {
  const cid = uniqueId("churn-feed", info);
  await api.createCoordination(churnTeam(cid));
  await page.goto(whiteboard(cid));
  await expect(page.getByText("No activity yet.")).toBeVisible();
  await expect(page.getByRole("status", { name: "Connection: Live" })).toBeVisible();

  await api.postUpdate(cid, {
    agent_name: "data_engineer",
    update_type: "finding",
    content: { response_summary: "Customer events table backfilled for 180 days" },
    tags: ["worker_response"],
  });
  const feed = page.getByRole("feed");
  await expect(feed.getByRole("article", { name: /finding by data_engineer/ })).toContainText("Customer events table backfilled for 180 days");
  const roster = page.getByRole("list", { name: "Team roster" });
  await expect(roster.getByRole("listitem").filter({ hasText: "data_engineer" })).toContainText("Last activity: just now");

  // Filtering by type keeps the finding and hides others.
  await api.setProgress(cid, "Backfill done");
  await expect(feed).toContainText("Progress: Backfill done");
  await page.getByLabel("Filter by type").selectOption("finding");
  await expect(feed).toContainText("Customer events table backfilled");
  await expect(feed).not.toContainText("Progress: Backfill done");
});

test("the operator edits mission, progress and decisions, and a stale mission edit shows the current value", async ({ page, api }, info) => {
  const cid = uniqueId("churn-edit", info);
  await api.createCoordination(churnTeam(cid));
  await page.goto(whiteboard(cid));

  await page.getByRole("button", { name: "Edit mission" }).click();
  await page.getByRole("textbox", { name: "Mission", exact: true }).fill("Build customer churn prediction system");
  await page.getByRole("textbox", { name: "Current focus" }).fill("Data collection and pipeline setup");
  // A coordinator changes the mission while the operator is typing.
  await api.setMission(cid, "Reduce churn by 10% this quarter", "Stakeholder interviews");
  await page.getByRole("button", { name: "Save" }).click();
  const conflict = page.getByRole("alert").filter({ hasText: "Someone else" });
  await expect(conflict).toContainText("Someone else changed this while you were editing");
  await expect(conflict).toContainText("Reduce churn by 10% this quarter");
  await page.getByRole("button", { name: "Keep mine, then save again" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  const missionPanel = page.getByRole("region", { name: "Mission and focus" });
  await expect(missionPanel).toContainText("Build customer churn prediction system");
  await expect(missionPanel).toContainText("Data collection and pipeline setup");

  await page.getByRole("button", { name: "Update progress" }).click();
  await page.getByRole("textbox", { name: "Progress", exact: true }).fill("Pipeline live; feature tables next");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("region", { name: "Progress" })).toContainText("Pipeline live; feature tables next");

  await page.getByRole("button", { name: "Log decision" }).click();
  await page.getByRole("textbox", { name: "Decision", exact: true }).fill("Retrain weekly");
  await page.getByRole("textbox", { name: /Rationale/ }).fill("Churn drivers shift with monthly billing cycles");
  await page.getByRole("button", { name: "Log decision" }).click();
  const decisions = page.getByRole("list", { name: "Decisions" });
  await expect(decisions).toContainText("Retrain weekly");
  await expect(decisions).toContainText("Churn drivers shift with monthly billing cycles");
  await expect(decisions).toContainText("Operator");
});

test("the resource editor shows a message beside an out-of-bounds field and a conflict for a stale save", async ({ page, api }, info) => {
  const cid = uniqueId("churn-resources", info);
  await api.createCoordination(churnTeam(cid));
  await page.goto(inspector(cid, "ml_engineer"));
  await expect(page.getByText("Context version 1.")).toBeVisible();

  const threshold = page.getByLabel(/Quality threshold/);
  await threshold.fill("1.5");
  await expect(threshold).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("must be between 0 and 1")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save resources" })).toBeDisabled();
  await page.getByRole("button", { name: "Reset" }).click();

  // The operator starts editing; meanwhile the API changes the allocation.
  await page.getByLabel(/Max memory/).fill("8192");
  await api.setResources(cid, "ml_engineer", { max_memory_mb: 2048 });
  await expect(page.getByText(/moved on to version 2 while you were editing/)).toBeVisible();
  await page.getByRole("button", { name: "Save resources" }).click();
  const conflict = page.getByRole("alert").filter({ hasText: "Conflict" });
  await expect(conflict).toContainText("Conflict: the context is now at version 2, not 1. Nothing was saved.");
  await expect(conflict.getByRole("definition").nth(3)).toHaveText("2048");

  await page.getByRole("button", { name: "Keep mine, save over version 2" }).click();
  await page.getByRole("button", { name: "Save resources" }).click();
  await expect(page.getByText("Saved as context version 3.")).toBeVisible();
  await expect(page.getByText("Context version 3", { exact: true })).toBeVisible();
});

test("a resource change is shown live in every open inspector", async ({ browser, api }, info) => {
  const cid = uniqueId("churn-live-ctx", info);
  await api.createCoordination(churnTeam(cid));
  const one = await (await browser.newContext()).newPage();
  const two = await (await browser.newContext()).newPage();
  await one.goto(inspector(cid, "data_analyst"));
  await two.goto(inspector(cid, "data_analyst"));
  await expect(two.getByRole("status", { name: "Connection: Live" })).toBeVisible();

  await one.getByLabel(/Concurrency limit/).fill("4");
  await one.getByRole("button", { name: "Save resources" }).click();
  await expect(two.getByText("Context version 2", { exact: true })).toBeVisible();
  await expect(two.getByLabel(/Concurrency limit/)).toHaveValue("4");
  await one.context().close();
  await two.context().close();
});

test("the inspector shows the package, its size, the agent's prompt text and a diff naming a changed shared-intelligence key", async ({ page, api }, info) => {
  const cid = uniqueId("churn-diff", info);
  await api.createCoordination(churnTeam(cid));
  await api.setMission(cid, "Build customer churn prediction system", "Feature extraction");
  await page.goto(inspector(cid, "data_analyst"));
  await expect(page.getByRole("heading", { level: 1, name: "data_analyst" })).toBeVisible();
  await expect(page.getByText(/Size [\d.]+ KB \([\d,]+ bytes\)/)).toBeVisible();
  await expect(page.getByText("Analyze customer behavior patterns and identify churn indicators")).toBeVisible();

  await page.getByRole("tab", { name: "Raw JSON" }).click();
  await expect(page.getByRole("tabpanel", { name: "Raw JSON" })).toContainText('"agent_role": "Data Analyst"');

  await page.getByRole("tab", { name: "Agent prompt" }).click();
  const message = page.getByLabel("Context message");
  await expect(message).toContainText("[Whiteboard]");
  await expect(message).toContainText("Mission: Build customer churn prediction system");
  await expect(message).toContainText("Your Role: Analysis & Insights");

  await page.getByRole("tab", { name: "History and diff" }).click();
  await expect(page.getByText("These two versions are identical.")).toBeVisible();
  await api.updateSharedIntelligence(cid, "type_registry", { churn_label: "integer (0 or 1)" });
  const versions = page.getByRole("list", { name: "Context versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(2);
  await expect(versions.getByRole("listitem").first()).toContainText("v2 · shared_intelligence");
  const diff = page.getByRole("list", { name: "Differences" });
  const changed = diff.getByRole("listitem").filter({ hasText: "shared_intelligence.type_registry.churn_label" });
  await expect(changed).toContainText("changed");
  await expect(changed).toContainText('"boolean"');
  await expect(changed).toContainText('"integer (0 or 1)"');
  await expect(diff.getByRole("listitem").filter({ hasText: "context_version" })).toContainText("1");
});

test("the whiteboard catches up after its Socket.IO connection drops", async ({ page, context, api }, info) => {
  const cid = uniqueId("churn-reconnect", info);
  await api.createCoordination(churnTeam(cid));
  await page.goto(whiteboard(cid));
  await expect(page.getByRole("status", { name: "Connection: Live" })).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByRole("status", { name: "Connection: Reconnecting…" })).toBeVisible();
  await api.postUpdate(cid, {
    agent_name: "ml_engineer",
    update_type: "progress",
    content: { response_summary: "Baseline model trained while the operator was offline" },
  });
  await api.blocker(cid, "add", "GPU quota exhausted");
  await context.setOffline(false);

  await expect(page.getByRole("status", { name: "Connection: Live" })).toBeVisible();
  await expect(page.getByRole("feed")).toContainText("Baseline model trained while the operator was offline");
  await expect(page.getByRole("list", { name: "Active blockers" })).toContainText("GPU quota exhausted");
});

test("each coordination page shows how many operators are viewing it", async ({ browser, api }, info) => {
  const cid = uniqueId("churn-presence", info);
  await api.createCoordination(churnTeam(cid));
  const one = await (await browser.newContext()).newPage();
  await one.goto(whiteboard(cid));
  await expect(one.getByRole("status", { name: "Operators here now" })).toHaveText("1 operator viewing");
  const two = await (await browser.newContext()).newPage();
  await two.goto(inspector(cid, "data_engineer"));
  await expect(one.getByRole("status", { name: "Operators here now" })).toHaveText("2 operators viewing");
  await expect(two.getByRole("status", { name: "Operators here now" })).toHaveText("2 operators viewing");
  await two.context().close();
  await expect(one.getByRole("status", { name: "Operators here now" })).toHaveText("1 operator viewing");
  await one.context().close();
});
