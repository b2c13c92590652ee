/**
 * Calls one of the admin's server functions (Payload's `handleServerFunctions`, reached through the
 * server action that cms/src/app/(payload)/layout.tsx declares) the way the admin's browser code
 * does: a POST to an admin page with the action's id, the arguments encoded as React does for
 * plain values, and the session cookie. The action id comes from the production build the test
 * server runs.
 */
import fs from 'node:fs'
import path from 'node:path'

import { repoRoot } from './cms.ts'

let cachedActionId: string | undefined

function layoutActionId(): string {
  if (cachedActionId) return cachedActionId
  const cmsDir = path.join(repoRoot, 'cms')
  const distDir = fs.readFileSync(path.join(cmsDir, '.next-current'), 'utf8').trim()
  const manifest = JSON.parse(
    fs.readFileSync(path.join(cmsDir, distDir, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { filename: string }> }
  const entry = Object.entries(manifest.node).find(([, action]) =>
    action.filename.endsWith('app/(payload)/layout.tsx'),
  )
  if (!entry) throw new Error('the admin build declares no server function in its layout')
  cachedActionId = entry[0]
  return cachedActionId
}

/** The server function's answer as text (React's flight format, which embeds the returned JSON). */
export async function callServerFunction(
  baseUrl: string,
  token: string,
  name: string,
  args: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}/admin`, {
    method: 'POST',
    headers: {
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      'next-action': layoutActionId(),
      cookie: `payload-token=${token}`,
      origin: baseUrl,
    },
    body: JSON.stringify([{ name, args }]),
  })
  return { status: res.status, text: await res.text() }
}
