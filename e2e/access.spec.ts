// Access in a real browser: signing in and out, pages closed to strangers, token rotation from
// the whiteboard, and agent-sent text that is shown as text and never runs.
import { E2E_ADMIN_TOKEN, churnTeam, expect, test, uniqueId } from "./support";

test.describe("without a session", () => {
  // A fresh browser: none of the run's signed-in cookies.
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages send a stranger to sign in; a wrong token is refused; the admin token signs in and sign-out ends the session", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
    await expect(page.getByRole("heading", { name: "Sign in to Huddle" })).toBeVisible();

    await page.getByLabel("Admin token").fill("not-the-admin-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That is not the admin token.")).toBeVisible();

    await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Coordinations" })).toBeVisible();
    const session = (await page.context().cookies()).find((c) => c.name === "huddle_session");
    expect(session?.httpOnly, "the session cookie is httpOnly").toBe(true);
    expect(session?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    // The old cookie value no longer opens anything, even if a copy of it survived.
    const stale = await page.request.get("/api/v1/coordinations", {
      headers: { cookie: `huddle_session=${session?.value ?? ""}` },
    });
    expect(stale.status()).toBe(401);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test("pages carry a Content Security Policy that forbids framing and foreign scripts", async ({ page }) => {
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
});

test("markup sent by agents is shown as text and never runs", async ({ page, api }, info) => {
  const cid = uniqueId("xss", info);
  await api.createCoordination(churnTeam(cid));
  const evil = `<img src=x onerror="window.__pwned='img'">`;
  await api.setMission(cid, `Mission ${evil}`, `<script>window.__pwned='script'</script>`);
  await api.blocker(cid, "add", `Blocked by ${evil}`);
  await api.decision(cid, `Decide ${evil}`, `<b onmouseover="window.__pwned='b'">bold</b>`);
  await api.postUpdate(cid, { agent_name: "data_engineer", update_type: "finding", content: { note: evil }, tags: [evil] });

  await page.goto(`/coordinations/${cid}`);
  await expect(page.getByText(`Mission ${evil}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`Blocked by ${evil}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`Decide ${evil}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`Rationale: <b onmouseover="window.__pwned='b'">bold</b>`, { exact: true })).toBeVisible();
  expect(await page.locator('img[src="x"]').count(), "no <img> made from agent text").toBe(0);
  expect(await page.locator("b[onmouseover]").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
});

test("an operator rotates a coordination's tokens: the new ones are shown once and the old ones stop working", async ({ page, api, request }, info) => {
  const cid = uniqueId("rotate", info);
  const created = (await api.createCoordination(churnTeam(cid))) as { credentials: { agent_tokens: Record<string, string> } };
  const oldToken = created.credentials.agent_tokens.data_engineer!;
  const contextPath = `/api/v1/coordinations/${cid}/agents/data_engineer/context`;
  expect((await request.get(contextPath, { headers: { authorization: `Bearer ${oldToken}` } })).status()).toBe(200);

  await page.goto(`/coordinations/${cid}`);
  await page.getByRole("button", { name: "Rotate tokens" }).click();
  await page.getByRole("button", { name: "Rotate now" }).click();
  const shown = page.getByRole("region", { name: "New tokens" });
  await expect(shown).toContainText("shown once");
  const newToken = (await shown.locator("dt", { hasText: "data_engineer" }).locator("xpath=following-sibling::dd[1]").textContent())?.trim() ?? "";
  expect(newToken).toMatch(/^hdl_a_/);

  expect((await request.get(contextPath, { headers: { authorization: `Bearer ${oldToken}` } })).status()).toBe(401);
  expect((await request.get(contextPath, { headers: { authorization: `Bearer ${newToken}` } })).status()).toBe(200);
});
