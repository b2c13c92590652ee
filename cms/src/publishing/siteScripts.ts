/**
 * The one way the CMS starts the site generator's scripts (site/scripts/): the site build that
 * publishing runs and the draft-preview renderer. Both read the CMS's public REST API only, so
 * they get an environment built from an allow-list, never a copy of the CMS's own: the database
 * URI, PAYLOAD_SECRET, mail or storage credentials and whatever else the CMS is given stay in
 * the CMS process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { cmsDir } from '../lib/paths'

export const siteDir = path.join(cmsDir, '..', 'site')

export type SiteScript = 'build-sites' | 'render-preview'

/**
 * What a site script may receive from the CMS's environment: how to run (PATH, HOME, temporary
 * folders, locale and time zone, Node's own settings), and the site build's documented settings.
 * CMS_URL, SITES_DIR and the rest of a script's input are passed by the caller.
 */
const INHERITED = new Set([
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'NODE_ENV',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'CI',
  // Search indexing processes at once (site/scripts/build-sites/search.ts).
  'PAGEFIND_LANES',
])
/** The site build's settings (SITES_MAX_PAGE_DROP, SITES_LOCAL_URL, ...; see the README). */
const INHERITED_PREFIXES = ['SITES_']
/** Never inherited, even under an allowed prefix: a setting named like a secret is one. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL|PRIVATE/i

/** The environment a site script runs with: the allowed part of `from`, then `input`. */
export function siteScriptEnvironment(
  input: Record<string, string>,
  from: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(from)) {
    if (value === undefined) continue
    const allowed =
      INHERITED.has(name) ||
      (INHERITED_PREFIXES.some((prefix) => name.startsWith(prefix)) && !SECRET_NAME.test(name))
    if (allowed) env[name] = value
  }
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', ...input }
}

export interface StartOptions {
  /** The script's input (CMS_URL first of all). */
  env: Record<string, string>
  /** An IPC channel, for a script that waits for its work (the preview renderer). */
  ipc?: boolean
}

/** Starts site/scripts/<script>.ts on this process's Node, with its output piped. */
export function startSiteScript(
  script: SiteScript,
  { env, ipc = false }: StartOptions,
): ChildProcess {
  return spawn(process.execPath, [path.join(siteDir, 'scripts', `${script}.ts`)], {
    cwd: siteDir,
    // Next's types declare NODE_ENV always set; here it is inherited when the CMS has it.
    env: siteScriptEnvironment(env) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])],
  })
}
