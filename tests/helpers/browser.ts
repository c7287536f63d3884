/**
 * Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded
 * browser). Without it, a test file skips with a message on a workstation and fails clearly in CI, where
 * .ci/run installs it.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Screenshots and other artefacts go here (gitignored). */
export const RESULTS_DIR = join(process.cwd(), ".test-results");

/**
 * True when Chromium is installed. When it is missing: throws in CI (`CI` set), otherwise warns and
 * returns false so the caller can skip, e.g. `describe.skipIf(!hasChromium())(...)`.
 */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium not found at ${CHROMIUM_PATH}: browser tests need Debian's chromium package (apt-get install chromium; .ci/run does this in CI). Do not run \`npx playwright install\`.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} Skipping the browser tests.`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Path for a screenshot under .test-results/, creating the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, `${name}.png`);
}

/** Records dialogs (dismissed) and page errors: shopper text that ran as code would show up here. */
export function watchPage(page: Page, dialogs: string[], pageErrors: string[]): void {
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
}

/** A 390 px touch phone, as shoppers, merchants and agents use the pages. */
export async function phoneContext(browser: Browser | undefined): Promise<BrowserContext> {
  if (!browser) throw new Error("no browser");
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "en-US",
    isMobile: true,
    hasTouch: true,
  });
}
