// Signs in once as an operator (the admin token on the sign-in page) and keeps the session
// cookie for every test's browser contexts, as access control will require.
import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN_TOKEN, operatorStatePath } from "./support";

setup("an operator signs in with the admin token", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Admin token").fill(E2E_ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Coordinations" })).toBeVisible();
  await page.context().storageState({ path: operatorStatePath() });
});
