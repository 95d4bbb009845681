// Screenshots for the README, made from the seed 003 team building a churn prediction system.
import { expect, HuddleApi, seedChurnWhiteboard, test } from "./support";

test("saves screenshots of the whiteboard and the inspector for the docs", async ({ browser, request }) => {
  const api = new HuddleApi(request);
  // Each run has a fresh database, so the id can read like a real one.
  const cid = "churn-prediction";
  await seedChurnWhiteboard(api, cid);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: "light" });
  const page = await context.newPage();

  await page.goto(`/coordinations/${cid}`);
  await expect(page.getByRole("status", { name: "Connection: Live" })).toBeVisible();
  await expect(page.getByRole("feed")).toContainText("baseline gradient boosting");
  await expect(page.getByRole("list", { name: "Team roster" })).toContainText("ml_engineer");
  await expect(page.getByRole("list", { name: "Decisions" })).toContainText("Using gradient boosting for initial model");
  await page.screenshot({ path: "docs/screenshots/whiteboard.png", fullPage: true });

  await page.goto(`/coordinations/${cid}/agents/ml_engineer`);
  await page.getByRole("tab", { name: "History and diff" }).click();
  await expect(page.getByRole("list", { name: "Differences" })).toContainText("shared_intelligence.validation_rules.min_auc");
  await page.screenshot({ path: "docs/screenshots/inspector.png", fullPage: true });
  await context.close();
});
