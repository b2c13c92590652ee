/** `npm run build`: builds the CMS admin when its sources changed (no-op otherwise). */
import { ensureAdminBuild } from './lib/admin-build.ts'

const result = await ensureAdminBuild()
console.log(result === 'fresh' ? '[build] admin build is up to date' : '[build] done')
