/** Debian's Chromium driven by playwright-core: tests never download a browser. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { chromium, type Browser, type BrowserContext } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y --no-install-recommends chromium\` (npm test does it itself when run as root).`,
    )
  }
}

/**
 * One Chromium for several people at once: each `browser.newContext()` is a separate session
 * (its own cookies), e.g. an editor and a medical reviewer signed in side by side.
 */
export async function launchChromium(): Promise<Browser> {
  assertChromium()
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS })
}

export async function launchBrowser(): Promise<{
  context: BrowserContext
  close: () => Promise<void>
}> {
  assertChromium()
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  })
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}
