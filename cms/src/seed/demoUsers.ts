import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { dataDir } from '../lib/paths'
import { clinics } from './content/clinics'
import { reviewers } from './content/people'
import { DEMO_EMAIL_DOMAIN, type SeedUser } from './index'

const CREDENTIALS_FILE = path.join(dataDir, 'demo-credentials.json')

/** Readable but unguessable: 4 groups of 5 base32 characters. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(20)
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length])
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-')
}

/**
 * One demo user of each role for the embedded default. Passwords are generated once per data
 * folder and kept in data/demo-credentials.json (mode 600) so `npm start` can print them again.
 */
export function embeddedDemoUsers(): SeedUser[] {
  try {
    return JSON.parse(fs.readFileSync(CREDENTIALS_FILE, 'utf8')) as SeedUser[]
  } catch {
    // First start: generate below.
  }
  const firstClinic = clinics[0]!
  const users: SeedUser[] = [
    {
      email: `admin@${DEMO_EMAIL_DOMAIN}`,
      name: 'Network Admin',
      roles: ['admin'],
      password: generatePassword(),
    },
    {
      email: `network.editor@${DEMO_EMAIL_DOMAIN}`,
      name: 'Network Editor',
      roles: ['network-editor'],
      password: generatePassword(),
    },
    {
      email: `editor.${firstClinic.slug}@${DEMO_EMAIL_DOMAIN}`,
      name: `${firstClinic.address.city} Clinic Editor`,
      roles: ['clinic-editor'],
      clinics: [firstClinic.slug],
      password: generatePassword(),
    },
    ...reviewers.map((reviewer) => ({
      email: reviewer.email,
      name: reviewer.name,
      credentials: reviewer.credentials,
      roles: ['medical-reviewer' as const],
      password: generatePassword(),
    })),
  ]
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(CREDENTIALS_FILE, JSON.stringify(users, null, 2), { mode: 0o600 })
  return users
}

/**
 * The admin of a deployment with its own database, from ADMIN_EMAIL and ADMIN_PASSWORD. Without
 * them nobody is created and the admin's first-user screen is used.
 */
export function adminFromEnv(): SeedUser[] {
  const email = process.env.ADMIN_EMAIL?.trim()
  const password = process.env.ADMIN_PASSWORD
  if (!email || !password) return []
  if (password.length < 12) throw new Error('ADMIN_PASSWORD must be at least 12 characters.')
  return [{ email, password, name: process.env.ADMIN_NAME ?? 'Administrator', roles: ['admin'] }]
}

/**
 * Demo content names its medical reviewers, who are users. Outside the embedded default they get
 * random passwords that are neither stored nor printed: an admin resets them if they are needed.
 */
export function demoReviewersWithoutLogin(): SeedUser[] {
  return reviewers.map((reviewer) => ({
    email: reviewer.email,
    name: reviewer.name,
    credentials: reviewer.credentials,
    roles: ['medical-reviewer' as const],
    password: randomBytes(24).toString('base64url'),
  }))
}
