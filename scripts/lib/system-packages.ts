/**
 * The Debian packages the test suite runs besides npm's (a browser, a web server, compose, the
 * nginx image's shell, certificates), how to tell whether this machine has them, and what to do
 * when it does not. Pure functions over a probe of the machine, so the decision is unit-tested
 * (tests/unit/system-packages.test.ts); scripts/system-packages.ts runs it on the real machine.
 */

export interface MachineProbe {
  env: Record<string, string | undefined>
  /** A command of that name is on PATH. */
  onPath: (command: string) => boolean
  /** The file exists and may be executed. */
  executable: (file: string) => boolean
}

export interface SystemPackage {
  /** The Debian package name. */
  name: string
  /** What the tests use it for. */
  usedBy: string
  installed: (probe: MachineProbe) => boolean
}

/** A binary the tests look for at an overridable path (tests/support/browser.ts, tests/deploy/support/nginx.ts). */
const binary = (variable: string, fallback: string) => (probe: MachineProbe) =>
  probe.executable(probe.env[variable] || fallback)

export const TEST_PACKAGES: readonly SystemPackage[] = [
  {
    name: 'chromium',
    usedBy: 'browser tests: accessibility (axe) and the admin flow',
    installed: binary('CHROMIUM_PATH', '/usr/bin/chromium'),
  },
  {
    name: 'nginx',
    usedBy: 'the generated clinic virtual hosts (nginx -t and a real nginx on loopback)',
    installed: binary('NGINX_BIN', '/usr/sbin/nginx'),
  },
  {
    name: 'docker-compose',
    usedBy: 'validating docker-compose.yml (no Docker engine needed)',
    installed: (probe) => probe.onPath('docker-compose'),
  },
  {
    name: 'busybox',
    usedBy: "the nginx image's reload script, run under the same shell",
    installed: (probe) => probe.executable('/usr/bin/busybox'),
  },
  {
    name: 'openssl',
    usedBy: 'test TLS certificates',
    installed: (probe) => probe.onPath('openssl'),
  },
]

export function missingPackages(
  probe: MachineProbe,
  packages: readonly SystemPackage[] = TEST_PACKAGES,
): SystemPackage[] {
  return packages.filter((pkg) => !pkg.installed(probe))
}

export interface Host {
  root: boolean
  /** apt-get is on PATH (a Debian or Ubuntu machine). */
  aptGet: boolean
  /** apt has package lists (a fresh container image has none until `apt-get update`). */
  aptLists: boolean
}

export type SetupPlan =
  | { action: 'none' }
  | { action: 'install'; commands: string[][] }
  | { action: 'stop'; message: string }

/**
 * No recommends: docker-compose would otherwise pull in a Docker engine, chromium a desktop's
 * worth of fonts and tools.
 */
export const installCommand = (names: string[]) => [
  'apt-get',
  'install',
  '-y',
  '-qq',
  '--no-install-recommends',
  ...names,
]
export const UPDATE_COMMAND = ['apt-get', 'update', '-qq']

export function setupPlan(missing: SystemPackage[], host: Host): SetupPlan {
  if (missing.length === 0) return { action: 'none' }
  const names = missing.map((pkg) => pkg.name)
  if (host.root && host.aptGet)
    return {
      action: 'install',
      commands: [...(host.aptLists ? [] : [UPDATE_COMMAND]), installCommand(names)],
    }
  const list = missing.map((pkg) => `  ${pkg.name.padEnd(15)} ${pkg.usedBy}`).join('\n')
  if (host.aptGet)
    return {
      action: 'stop',
      message:
        `The tests need these Debian packages, which this machine lacks:\n${list}\n` +
        `Install them (npm test does it itself when run as root), then run npm test again:\n` +
        `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${names.join(' ')}`,
    }
  return {
    action: 'stop',
    message:
      `The tests need these programs (Debian package names), which this machine lacks:\n${list}\n` +
      'This machine has no apt-get: install them with its own package manager, then run npm test again ' +
      '(CHROMIUM_PATH and NGINX_BIN point the tests at binaries elsewhere).',
  }
}
