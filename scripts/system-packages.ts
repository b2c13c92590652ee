/**
 * The first step of `npm test`: makes sure the Debian packages the tests use are installed
 * (scripts/lib/system-packages.ts says which and why). As root with apt-get, it installs the
 * missing ones in one call; otherwise it stops at once and prints the command to run.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import {
  installCommand,
  missingPackages,
  setupPlan,
  UPDATE_COMMAND,
  type MachineProbe,
} from './lib/system-packages.ts'

const executable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}
const onPath = (command: string) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => executable(path.join(dir, command)))

const probe: MachineProbe = { env: process.env, onPath, executable }
const hasLists = () => {
  try {
    return fs.readdirSync('/var/lib/apt/lists').some((name) => name.endsWith('_Packages'))
  } catch {
    return false
  }
}

function run(command: string[]): boolean {
  console.log(`[setup] ${command.join(' ')}`)
  const result = spawnSync(command[0]!, command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return result.status === 0
}

const missing = missingPackages(probe)
const plan = setupPlan(missing, {
  root: process.getuid?.() === 0,
  aptGet: onPath('apt-get'),
  aptLists: hasLists(),
})

if (plan.action === 'stop') {
  console.error(`[setup] ${plan.message.replaceAll('\n', '\n[setup] ')}`)
  process.exit(1)
}
if (plan.action === 'install') {
  console.log(
    `[setup] installing the Debian packages the tests use: ${missing.map((p) => p.name).join(', ')}`,
  )
  let installed = plan.commands.every(run)
  // Package lists that are present but stale name versions the mirror no longer has.
  if (!installed && !plan.commands.includes(UPDATE_COMMAND))
    installed = run(UPDATE_COMMAND) && run(installCommand(missing.map((p) => p.name)))
  const still = missingPackages(probe)
  if (!installed || still.length > 0) {
    console.error(
      `[setup] could not install ${(still.length > 0 ? still : missing).map((p) => p.name).join(', ')}; see apt-get's output above`,
    )
    process.exit(1)
  }
}
