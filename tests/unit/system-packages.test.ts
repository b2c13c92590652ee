/**
 * The first step of `npm test` (scripts/system-packages.ts): which Debian packages a machine lacks,
 * and whether the step installs them or stops with the command to run.
 */
import { describe, expect, it } from 'vitest'

import {
  missingPackages,
  setupPlan,
  TEST_PACKAGES,
  type MachineProbe,
} from '../../scripts/lib/system-packages.ts'

/** A machine with these files executable and these commands on PATH. */
function machine(
  files: string[],
  commands: string[],
  env: Record<string, string> = {},
): MachineProbe {
  return {
    env,
    executable: (file) => files.includes(file),
    onPath: (command) => commands.includes(command),
  }
}

const EVERYTHING = machine(
  ['/usr/bin/chromium', '/usr/sbin/nginx', '/usr/bin/busybox'],
  ['docker-compose', 'openssl'],
)
const FRESH = machine([], [])
const names = (probe: MachineProbe) => missingPackages(probe).map((pkg) => pkg.name)

describe('missing system packages', () => {
  it('finds nothing missing on a machine that has them all', () => {
    expect(names(EVERYTHING)).toEqual([])
  })

  it('finds all five missing on a fresh machine', () => {
    expect(names(FRESH)).toEqual(['chromium', 'nginx', 'docker-compose', 'busybox', 'openssl'])
    expect(TEST_PACKAGES).toHaveLength(5)
  })

  it('looks for nginx where the tests run it (/usr/sbin, not PATH)', () => {
    const nginxOnPathOnly = machine(
      ['/usr/bin/chromium', '/usr/bin/busybox'],
      ['nginx', 'docker-compose', 'openssl'],
    )
    expect(names(nginxOnPathOnly)).toEqual(['nginx'])
  })

  it('accepts a browser and an nginx elsewhere when CHROMIUM_PATH and NGINX_BIN point at them', () => {
    const elsewhere = machine(
      ['/opt/chrome/chrome', '/opt/nginx/sbin/nginx', '/usr/bin/busybox'],
      ['docker-compose', 'openssl'],
      { CHROMIUM_PATH: '/opt/chrome/chrome', NGINX_BIN: '/opt/nginx/sbin/nginx' },
    )
    expect(names(elsewhere)).toEqual([])
    const pointingAtNothing = machine(
      ['/usr/bin/chromium', '/usr/sbin/nginx', '/usr/bin/busybox'],
      ['docker-compose', 'openssl'],
      { CHROMIUM_PATH: '/opt/missing/chrome' },
    )
    expect(names(pointingAtNothing)).toEqual(['chromium'])
  })
})

describe('what npm test does about them', () => {
  const missing = missingPackages(machine(['/usr/sbin/nginx', '/usr/bin/busybox'], ['openssl']))

  it('does nothing when nothing is missing', () => {
    expect(setupPlan([], { root: false, aptGet: false, aptLists: false })).toEqual({
      action: 'none',
    })
  })

  it('installs as root in one apt-get call without recommends', () => {
    expect(setupPlan(missing, { root: true, aptGet: true, aptLists: true })).toEqual({
      action: 'install',
      commands: [
        [
          'apt-get',
          'install',
          '-y',
          '-qq',
          '--no-install-recommends',
          'chromium',
          'docker-compose',
        ],
      ],
    })
  })

  it('updates the package lists first on a machine that has none (a fresh image)', () => {
    const plan = setupPlan(missing, { root: true, aptGet: true, aptLists: false })
    expect(plan.action === 'install' && plan.commands.map((command) => command[1])).toEqual([
      'update',
      'install',
    ])
  })

  it('stops with the one command to run when it is not root', () => {
    const plan = setupPlan(missing, { root: false, aptGet: true, aptLists: true })
    expect(plan.action).toBe('stop')
    const message = plan.action === 'stop' ? plan.message : ''
    expect(message).toContain(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium docker-compose',
    )
    expect(message).toMatch(/chromium\s+browser tests/)
  })

  it('stops and names the packages on a machine without apt-get', () => {
    const plan = setupPlan(missing, { root: true, aptGet: false, aptLists: false })
    expect(plan.action).toBe('stop')
    expect(plan.action === 'stop' && plan.message).toContain('no apt-get')
    expect(plan.action === 'stop' && plan.message).toContain('docker-compose')
  })
})
