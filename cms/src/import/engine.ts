import type { SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import type { Payload } from 'payload'

import { ARTICLES, CLINICS, CONDITIONS, PROVIDERS } from '../collections/slugs'
import { ImportInputError, networkClinics } from './errors'
import { htmlToLexical } from './lexical'
import { buildPlan } from './plan'
import type { ImportPlan, NetworkData, PlanOptions } from './plan/types'
import { readClinicSources } from './sources'
import { DEFAULT_LIMITS, type ReadLimits } from './sources/limits'
import type { ClinicSource } from './types'

/**
 * The engine end to end, up to the plan: read each clinic's inputs, then plan. The CLI and the
 * queue job (which add the apply step) call this; so does `npm run bench:import`.
 */

export interface ClinicInputs {
  clinic: string
  /** Files, folders or live base URLs. */
  inputs: string[]
}

export interface PlanImportArgs {
  clinics: ClinicInputs[]
  network: NetworkData
  editorConfig: SanitizedServerEditorConfig
  options?: Partial<PlanOptions>
  limits?: ReadLimits
  cwd?: string
  /** Progress lines ("[import] reading albuquerque: 2 inputs"). */
  log?: (line: string) => void
}

export async function planImport(args: PlanImportArgs): Promise<ImportPlan> {
  const log = args.log ?? (() => {})
  const known = new Set(args.network.clinics.map((clinic) => clinic.slug))
  const unknown = args.clinics.filter((group) => !known.has(group.clinic))
  if (unknown.length > 0) {
    // Checked before any file is read: a typo should not cost a 100 MB parse.
    throw new ImportInputError(
      `Unknown clinic "${unknown[0]!.clinic}": ${networkClinics([...known].sort())}`,
      unknown[0]!.clinic,
    )
  }
  const sources: ClinicSource[] = []
  for (const group of args.clinics) {
    log(`[import] reading ${group.clinic}: ${group.inputs.join(', ')}`)
    const source = await readClinicSources(group.clinic, group.inputs, {
      limits: args.limits ?? DEFAULT_LIMITS,
      cwd: args.cwd,
    })
    log(`[import] ${group.clinic}: ${source.items.length} posts and pages`)
    sources.push(source)
  }
  log('[import] extracting, finding copies across clinics and converting to Lexical...')
  const plan = buildPlan(
    sources,
    args.network,
    (html) => htmlToLexical(html, args.editorConfig),
    args.options,
  )
  const { summary } = plan.report
  log(
    `[import] plan: ${summary.networkArticles} network and ${summary.localArticles} local articles, ${summary.redirects} redirects`,
  )
  return plan
}

/** The network's clinics, providers and conditions, as the plan takes them. */
export async function networkData(payload: Payload): Promise<NetworkData> {
  const common = { depth: 0, pagination: false, overrideAccess: true } as const
  const [clinics, providers, conditions, articles] = await Promise.all([
    payload.find({ collection: CLINICS, ...common }),
    payload.find({ collection: PROVIDERS, ...common }),
    payload.find({ collection: CONDITIONS, ...common }),
    // Drafts too: slugs are unique across every version of every article.
    payload.find({
      collection: ARTICLES,
      ...common,
      draft: true,
      select: { slug: true, importSource: { key: true } },
    }),
  ])
  return {
    clinics: clinics.docs.map((clinic) => ({
      id: clinic.id,
      slug: clinic.slug ?? String(clinic.id),
      name: clinic.name,
      siteUrl: clinic.siteUrl,
      places: [clinic.address?.city, regionOf(clinic.address?.state)].filter(
        (place): place is string => Boolean(place),
      ),
    })),
    providers: providers.docs.map((provider) => ({ id: provider.id, name: provider.name })),
    conditions: conditions.docs.map((c) => ({ id: c.id, name: c.name, slug: c.slug ?? '' })),
    // An earlier import's articles keep their slugs when re-imported (apply/index.ts), so their
    // slugs are not "taken" from the plan's point of view.
    takenSlugs: articles.docs.flatMap((article) =>
      article.slug && !article.importSource?.key ? [article.slug] : [],
    ),
  }
}

// Copies name the state in full as often as its code ("New Mexico", "NM").
const STATES: Record<string, string> = {
  NM: 'New Mexico',
  TX: 'Texas',
  CA: 'California',
  AZ: 'Arizona',
  CO: 'Colorado',
  NV: 'Nevada',
  FL: 'Florida',
}
function regionOf(state: string | null | undefined): string | undefined {
  if (!state) return undefined
  return STATES[state.toUpperCase()] ?? state
}
