/**
 * Seeds a synthetic clinic network for the site-build benchmark (bench/sites.ts) through Payload's
 * Local API on a fresh SQLite database. Started as `node --import tsx ../bench/lib/seed-network.ts`
 * with cwd cms/ (tsx resolves the CMS's extensionless imports) and DATABASE_URI / DATA_DIR /
 * PAYLOAD_SECRET set, NODE_ENV=production (so the committed migrations create the schema on
 * connect, as the production server does) and DATABASE_PUSH=false.
 *
 * What it makes (deterministic for the same parameters, except dates relative to today):
 *   - BENCH_CLINICS (50) clinics: fictional names, 555-01xx phones, addresses, geo, hours, treated
 *     conditions, treatments, an about text, accent colours; a few opt out of some shared articles
 *   - 18 conditions (the demo's 11 and 7 more), ~3 providers per clinic, 6 medical reviewers + admin
 *   - network FAQs (every site) and 3 local FAQs per clinic
 *   - BENCH_IMAGES (12) network images (generated JPEGs, uploaded: Payload makes its sizes)
 *   - articles, planned first until the clinic sites add up to at least BENCH_PAGES pages, counted
 *     the way the site renders them (src/data/clinic-site.ts + src/pages): per clinic every article
 *     it shows, ceil(articles / 12) list pages, one page per treated or covered condition, the
 *     conditions index, FAQ, location, search, home and 404. Mix: 30% local (one clinic), 8%
 *     network for all clinics, 62% network for 2-20 selected clinics. Bodies ~1,500 words, built
 *     from the demo content's sentences (no sentence repeats within one article, so gzip sees prose,
 *     not repetition) into paragraphs, h2/h3 headings, lists and quotes, converted with toLexical.
 *     Published with author, medical reviewer and a review date within the last 11 months.
 *
 * Prints progress lines (`[seed] ...`) and, last, one `BENCH_SEED_RESULT {json}` line.
 */
import { randomBytes } from 'node:crypto'

import { getPayload } from 'payload'
import sharp from 'sharp'

import { ARTICLES_PER_PAGE } from '@clinic/shared/paths'
import { FAQ_TOPICS, type FaqTopic } from '@clinic/shared/vocabulary'

import config from '../../cms/src/payload.config.ts'
import { articles as demoArticles } from '../../cms/src/seed/content/articles.ts'
import { conditions as demoConditions } from '../../cms/src/seed/content/conditions.ts'
import { faqs as demoFaqs } from '../../cms/src/seed/content/faqs.ts'
import type { Block } from '../../cms/src/seed/content/types.ts'
import { plainText, toLexical } from '../../cms/src/seed/richText.ts'
import { publishSpanishShare, type SpanishArticle } from './seed-spanish.ts'
import { seededRandom } from './random.ts'

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`)
  return Math.floor(value)
}
const TARGET_PAGES = num('BENCH_PAGES', 10_000)
const CLINICS = Math.max(2, num('BENCH_CLINICS', 50))
const IMAGES = num('BENCH_IMAGES', 12)
const CONCURRENCY = Math.max(1, num('BENCH_SEED_CONCURRENCY', 6))
const FIXED_PAGES_PER_CLINIC = 6 // home, conditions index, faq, location, search, 404

const trusted = { overrideAccess: true, context: { seeding: true }, depth: 0 } as const
const log = (line: string) => console.log(`[seed] ${line}`)
type Id = string | number

const prng = seededRandom
type Rng = ReturnType<typeof prng>
const rand = prng(0xc11 + TARGET_PAGES + CLINICS * 7919)

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

// ---------------------------------------------------------------------------------------------
// Text: sentences of the demo network's own prose, recombined.

const demoBlocks: Block[] = [
  ...demoArticles.flatMap((a) => a.body),
  ...demoConditions.flatMap((c) => c.body),
  ...demoFaqs.flatMap((f) => f.answer),
]
const SENTENCES = [
  ...new Set(
    demoBlocks
      .filter((b): b is { p: string } => 'p' in b)
      .flatMap((b) => b.p.split(/(?<=[.!?])\s+(?=[A-Z"])/))
      .map((s) => s.trim())
      .filter((s) => s.split(/\s+/).length >= 6),
  ),
]
const SHORT_SENTENCES = SENTENCES.filter((s) => s.split(/\s+/).length <= 22 && !s.includes('['))
const DEMO_HEADINGS = [
  ...new Set(demoBlocks.flatMap((b) => ('h2' in b ? [b.h2] : 'h3' in b ? [b.h3] : []))),
]
const HEADING_TEMPLATES = [
  'What is {c}?',
  'How {c} is diagnosed',
  'Treatment options for {c}',
  'What the research says about {c}',
  'Questions to ask about {c}',
  'Living with {c} day to day',
  'When to call your care team',
  'Preparing for your first visit',
  'What happens during an infusion',
  'After your treatment',
  'Side effects and safety',
  'Costs, insurance and paperwork',
  'How families can help',
  'Setting realistic expectations',
  'Working with your other doctors',
  'Sleep, exercise and recovery',
  'Myths and facts about {c}',
  'Keeping track of your progress',
]
const ANGLES = [
  'what patients ask us most',
  'a practical guide',
  'myths and facts',
  'what the research says',
  'questions to ask your doctor',
  'how families can help',
  'a week-by-week look',
  'living well between treatments',
  'insurance, costs and paperwork',
  'when to call your care team',
  'a first-visit checklist',
  'what to expect after the first month',
  'combining therapy and infusions',
  'for veterans and first responders',
  'for older adults',
  'tracking symptoms that matter',
]

/** A ~`targetWords` body: no sentence twice, headings varied, lists and quotes sprinkled in. */
function articleBody(rand: Rng, conditionName: string, targetWords: number): Block[] {
  const pool = [...SENTENCES]
  const take = () =>
    pool.length > 0 ? pool.splice(rand.int(pool.length), 1)[0]! : rand.pick(SENTENCES)
  const shortPool = [...SHORT_SENTENCES]
  const takeShort = () =>
    shortPool.length > 0
      ? shortPool.splice(rand.int(shortPool.length), 1)[0]!
      : rand.pick(SHORT_SENTENCES)
  const headings = [
    ...HEADING_TEMPLATES.map((h) => h.replace('{c}', conditionName.replace(/ \(.*\)$/, ''))),
    ...DEMO_HEADINGS,
  ]
  const heading = () =>
    headings.splice(rand.int(headings.length), 1)[0] ?? `More about ${conditionName}`
  const paragraph = (): Block => {
    const sentences = Array.from({ length: rand.between(3, 6) }, take)
    // Now and then a bold phrase at the start (never inside a link).
    if (rand.next() < 0.12 && !sentences[0]!.includes('[')) {
      const words = sentences[0]!.split(' ')
      sentences[0] = `**${words.slice(0, 3).join(' ')}** ${words.slice(3).join(' ')}`
    }
    return { p: sentences.join(' ') }
  }
  let words = 0
  const blocks: Block[] = []
  const push = (b: Block) => {
    blocks.push(b)
    words += plainText([b]).split(/\s+/).filter(Boolean).length
  }
  push(paragraph())
  while (words < targetWords) {
    push({ h2: heading() })
    for (let i = rand.between(1, 3); i > 0 && words < targetWords; i--) push(paragraph())
    if (rand.next() < 0.3) {
      push({ h3: heading() })
      push(paragraph())
    }
    if (rand.next() < 0.35) {
      const items = Array.from({ length: rand.between(3, 6) }, takeShort)
      push(rand.next() < 0.6 ? { ul: items } : { ol: items })
    }
    if (rand.next() < 0.08) push({ quote: takeShort() })
  }
  return blocks
}

const paragraphs = (rand: Rng, min: number, max: number): Block[] =>
  Array.from({ length: rand.between(min, max) }, () => ({
    p: Array.from({ length: rand.between(2, 5) }, () => rand.pick(SENTENCES)).join(' '),
  }))

// ---------------------------------------------------------------------------------------------
// The network.

const NETWORK_NAME = 'Northwind Infusion Network'
const DOMAIN = 'northwind-infusion.example'

// [city, state, postal code, lat, lng, timezone, area code]: fictional clinics in real places.
const CITIES: [string, string, string, number, number, string, string][] = [
  ['Tucson', 'AZ', '85711', 32.2226, -110.9747, 'America/Phoenix', '520'],
  ['Mesa', 'AZ', '85201', 33.4152, -111.8315, 'America/Phoenix', '480'],
  ['Flagstaff', 'AZ', '86001', 35.1983, -111.6513, 'America/Phoenix', '928'],
  ['Santa Fe', 'NM', '87501', 35.687, -105.9378, 'America/Denver', '505'],
  ['Las Cruces', 'NM', '88001', 32.3199, -106.7637, 'America/Denver', '575'],
  ['El Paso', 'TX', '79901', 31.7619, -106.485, 'America/Denver', '915'],
  ['Lubbock', 'TX', '79401', 33.5779, -101.8552, 'America/Chicago', '806'],
  ['Amarillo', 'TX', '79101', 35.222, -101.8313, 'America/Chicago', '806'],
  ['Waco', 'TX', '76701', 31.5493, -97.1467, 'America/Chicago', '254'],
  ['Tyler', 'TX', '75701', 32.3513, -95.3011, 'America/Chicago', '903'],
  ['Denton', 'TX', '76201', 33.2148, -97.1331, 'America/Chicago', '940'],
  ['San Marcos', 'TX', '78666', 29.8833, -97.9414, 'America/Chicago', '512'],
  ['Boulder', 'CO', '80302', 40.015, -105.2705, 'America/Denver', '303'],
  ['Pueblo', 'CO', '81003', 38.2544, -104.6091, 'America/Denver', '719'],
  ['Fort Collins', 'CO', '80521', 40.5853, -105.0844, 'America/Denver', '970'],
  ['Grand Junction', 'CO', '81501', 39.0639, -108.5506, 'America/Denver', '970'],
  ['Provo', 'UT', '84601', 40.2338, -111.6585, 'America/Denver', '801'],
  ['Ogden', 'UT', '84401', 41.223, -111.9738, 'America/Denver', '801'],
  ['St. George', 'UT', '84770', 37.0965, -113.5684, 'America/Denver', '435'],
  ['Boise', 'ID', '83702', 43.615, -116.2023, 'America/Boise', '208'],
  ['Reno', 'NV', '89501', 39.5296, -119.8138, 'America/Los_Angeles', '775'],
  ['Henderson', 'NV', '89002', 36.0395, -114.9817, 'America/Los_Angeles', '702'],
  ['Temecula', 'CA', '92590', 33.4936, -117.1484, 'America/Los_Angeles', '951'],
  ['Fresno', 'CA', '93721', 36.7378, -119.7871, 'America/Los_Angeles', '559'],
  ['Bakersfield', 'CA', '93301', 35.3733, -119.0187, 'America/Los_Angeles', '661'],
  ['Santa Rosa', 'CA', '95404', 38.4405, -122.7144, 'America/Los_Angeles', '707'],
  ['Redding', 'CA', '96001', 40.5865, -122.3917, 'America/Los_Angeles', '530'],
  ['Eugene', 'OR', '97401', 44.0521, -123.0868, 'America/Los_Angeles', '541'],
  ['Bend', 'OR', '97701', 44.0582, -121.3153, 'America/Los_Angeles', '541'],
  ['Spokane', 'WA', '99201', 47.6588, -117.426, 'America/Los_Angeles', '509'],
  ['Tacoma', 'WA', '98402', 47.2529, -122.4443, 'America/Los_Angeles', '253'],
  ['Bozeman', 'MT', '59715', 45.677, -111.0429, 'America/Denver', '406'],
  ['Billings', 'MT', '59101', 45.7833, -108.5007, 'America/Denver', '406'],
  ['Casper', 'WY', '82601', 42.8501, -106.3252, 'America/Denver', '307'],
  ['Rapid City', 'SD', '57701', 44.0805, -103.231, 'America/Denver', '605'],
  ['Lincoln', 'NE', '68508', 40.8136, -96.7026, 'America/Chicago', '402'],
  ['Wichita', 'KS', '67202', 37.6872, -97.3301, 'America/Chicago', '316'],
  ['Norman', 'OK', '73069', 35.2226, -97.4395, 'America/Chicago', '405'],
  ['Tulsa', 'OK', '74103', 36.154, -95.9928, 'America/Chicago', '918'],
  ['Fayetteville', 'AR', '72701', 36.0626, -94.1574, 'America/Chicago', '479'],
  ['Springfield', 'MO', '65806', 37.209, -93.2923, 'America/Chicago', '417'],
  ['Columbia', 'MO', '65201', 38.9517, -92.3341, 'America/Chicago', '573'],
  ['Shreveport', 'LA', '71101', 32.5252, -93.7502, 'America/Chicago', '318'],
  ['Baton Rouge', 'LA', '70801', 30.4515, -91.1871, 'America/Chicago', '225'],
  ['Hattiesburg', 'MS', '39401', 31.3271, -89.2903, 'America/Chicago', '601'],
  ['Huntsville', 'AL', '35801', 34.7304, -86.5861, 'America/Chicago', '256'],
  ['Knoxville', 'TN', '37902', 35.9606, -83.9207, 'America/New_York', '865'],
  ['Asheville', 'NC', '28801', 35.5951, -82.5515, 'America/New_York', '828'],
  ['Savannah', 'GA', '31401', 32.0809, -81.0912, 'America/New_York', '912'],
  ['Gainesville', 'FL', '32601', 29.6516, -82.3248, 'America/New_York', '352'],
]
const STREETS = [
  'Main St',
  'Oak Ave',
  'Mesa Blvd',
  'Canyon Rd',
  'Ridge Dr',
  'Park Ave',
  'University Blvd',
  'Cedar Ln',
  'Lakeview Dr',
  'Mission St',
  'Pine St',
  'Grand Ave',
]
const ACCENTS = [
  '#0E5A6B',
  '#1f5f8b',
  '#5b3f8c',
  '#2f6b3a',
  '#8a4b12',
  '#7a2e4a',
  '#245c73',
  '#3d5a80',
  '#6b4f2a',
  '#1d6f64',
]
const TREATMENTS = [
  'IV ketamine infusion for depression and PTSD',
  'IV ketamine infusion for chronic pain',
  'Booster infusions',
  'Esketamine nasal spray',
  'Follow-up and integration visits',
  'Ketamine-assisted psychotherapy',
  'Lidocaine infusions',
  'Care coordination with your therapist',
]
const FIRST = [
  'Avery',
  'Jordan',
  'Maya',
  'Daniel',
  'Sofia',
  'Marcus',
  'Leah',
  'Ravi',
  'Hannah',
  'Tomás',
  'Grace',
  'Omar',
  'Nina',
  'Caleb',
  'Imani',
  'Lucas',
  'Priya',
  'Owen',
  'Elise',
  'Mateo',
]
const LAST = [
  'Whitaker',
  'Delgado',
  'Nakamura',
  'Brennan',
  'Okonkwo',
  'Lindqvist',
  'Ferreira',
  'Castellano',
  'Holloway',
  'Adeyemi',
  'Sandoval',
  'Kowalski',
  'Park',
  'Mendoza',
  'Ashford',
  'Iyer',
]
const CREDENTIALS: [string, string][] = [
  ['MD', 'Medical Director'],
  ['DO', 'Staff Physician'],
  ['CRNA', 'Nurse Anesthetist'],
  ['PMHNP-BC', 'Psychiatric Nurse Practitioner'],
  ['RN', 'Infusion Nurse'],
  ['LCSW', 'Integration Therapist'],
]
const HOURS_PATTERNS = [
  ['08:00', '17:00', 6],
  ['09:00', '18:00', 5],
  ['07:30', '16:30', 5],
  ['08:30', '19:00', 6],
] as const
const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const

const EXTRA_CONDITIONS: {
  slug: string
  name: string
  category: 'mental-health' | 'pain'
  summary: string
}[] = [
  {
    slug: 'treatment-resistant-depression',
    name: 'Treatment-resistant depression',
    category: 'mental-health',
    summary:
      'Depression that has not improved enough after two or more adequate medication trials.',
  },
  {
    slug: 'postpartum-depression',
    name: 'Postpartum depression',
    category: 'mental-health',
    summary:
      'Depression in the weeks and months after giving birth, more than the common short-lived baby blues.',
  },
  {
    slug: 'generalized-anxiety',
    name: 'Generalized anxiety disorder',
    category: 'mental-health',
    summary:
      'Persistent, hard-to-control worry about many everyday things, often with restlessness and poor sleep.',
  },
  {
    slug: 'cluster-headache',
    name: 'Cluster headache',
    category: 'pain',
    summary:
      'Attacks of severe one-sided head pain that come in cycles, often at the same time of day.',
  },
  {
    slug: 'trigeminal-neuralgia',
    name: 'Trigeminal neuralgia',
    category: 'pain',
    summary:
      'Sudden, shock-like facial pain along the trigeminal nerve, often set off by touch or chewing.',
  },
  {
    slug: 'diabetic-neuropathy',
    name: 'Diabetic neuropathy',
    category: 'pain',
    summary:
      'Nerve damage from diabetes that causes burning, tingling or numbness, usually in the feet.',
  },
  {
    slug: 'suicidal-ideation',
    name: 'Suicidal thoughts',
    category: 'mental-health',
    summary:
      'Thoughts of ending your life. If you are in danger now, call or text 988 or go to the nearest emergency room.',
  },
]

const FAQ_TOPIC_VALUES = FAQ_TOPICS.map((topic) => topic.value)
const FAQ_QUESTIONS: Record<FaqTopic, string[]> = {
  before: [
    'Do I need a referral for {c}?',
    'How should I prepare for my first infusion for {c}?',
    'Can I keep taking my medicines for {c}?',
    'What tests do you run before treating {c}?',
  ],
  during: [
    'How long does an infusion for {c} take?',
    'Will I be awake during treatment for {c}?',
    'Can someone stay with me during treatment for {c}?',
    'What does an infusion for {c} feel like?',
  ],
  after: [
    'When can I drive after treatment for {c}?',
    'How soon might I notice a change in {c}?',
    'Do I need booster infusions for {c}?',
    'What should I track after treatment for {c}?',
  ],
  safety: [
    'Is ketamine safe for people with {c}?',
    'Who should not be treated for {c} with ketamine?',
    'What side effects are common when treating {c}?',
    'Is there a risk of dependence when treating {c}?',
  ],
  cost: [
    'Does insurance cover treatment for {c}?',
    'How much does a course of treatment for {c} cost?',
    'Can I use an HSA or FSA for {c} treatment?',
    'Do you offer payment plans for {c} care?',
  ],
  general: [
    'How does ketamine help {c}?',
    'How is your approach to {c} different?',
    'Can I combine therapy with infusions for {c}?',
    'What results do patients with {c} usually see?',
  ],
}
const LOCAL_FAQ = [
  'Where do I park at the {city} clinic?',
  'Is the {city} clinic accessible by public transit?',
  'Does the {city} clinic have evening appointments?',
  'Which languages does the {city} team speak?',
]

// ---------------------------------------------------------------------------------------------

interface PlannedArticle {
  n: number
  kind: 'local' | 'all' | 'selected'
  owner?: number // clinic index
  clinics: number[] // selected clinic indexes
  canonical?: number
  conditions: number[] // condition indexes
}

async function main() {
  const started = performance.now()
  const payload = await getPayload({ config })
  try {
    // --- conditions ---------------------------------------------------------------------------
    const conditionDefs = [
      ...demoConditions.map((c) => ({
        slug: c.slug,
        name: c.name,
        category: c.category,
        summary: c.summary,
        body: c.body,
      })),
      ...EXTRA_CONDITIONS.map((c) => ({
        ...c,
        body: [
          ...paragraphs(rand, 2, 3),
          { h2: `How ${c.name.toLowerCase()} is treated` },
          ...paragraphs(rand, 2, 3),
        ],
      })),
    ]
    const conditionIds: Id[] = []
    for (const c of conditionDefs) {
      const doc = await payload.create({
        collection: 'conditions',
        data: { ...c, body: toLexical(c.body) } as never,
        ...trusted,
      })
      conditionIds.push(doc.id)
    }
    log(`conditions: ${conditionIds.length}`)

    // --- clinics --------------------------------------------------------------------------------
    const clinicDefs = Array.from({ length: CLINICS }, (_, i) => {
      const [city, state, zip, lat, lng, tz, area] = CITIES[i % CITIES.length]!
      const suffix = i >= CITIES.length ? ` ${Math.floor(i / CITIES.length) + 1}` : ''
      const name = `Northwind Infusion ${city}${suffix}`
      const slug = slugify(`${city}${suffix}`)
      const [opens, closes, days] = rand.pick(HOURS_PATTERNS)
      const treated = rand.some(
        conditionIds.map((_, k) => k),
        6,
        12,
      )
      return {
        index: i,
        city,
        slug,
        data: {
          name,
          slug,
          siteUrl: `https://${slug}.${DOMAIN}`,
          tagline: `Physician-led ketamine care for ${city} and the surrounding area.`,
          phone: `(${area}) 555-01${String(i % 100).padStart(2, '0')}`,
          email: `care@${slug}.${DOMAIN}`,
          consultationUrl: `https://${slug}.${DOMAIN}/consultation`,
          address: {
            street: `${100 + rand.int(9800)} ${rand.pick(STREETS)}, Suite ${100 + rand.int(400)}`,
            city,
            state,
            postalCode: zip,
            country: 'US',
          },
          geo: { lat: lat + (rand.next() - 0.5) * 0.02, lng: lng + (rand.next() - 0.5) * 0.02 },
          timezone: tz,
          openingHours: WEEK.slice(0, days).map((day) => ({ day, opens, closes })),
          conditions: treated.map((k) => conditionIds[k]),
          treatments: rand.some(TREATMENTS, 3, 6).map((t) => ({ name: t })),
          about: toLexical(paragraphs(rand, 2, 4)),
          brand: { accentColor: rand.pick(ACCENTS) },
        },
        treated,
      }
    })
    const clinicIds: Id[] = []
    for (const c of clinicDefs)
      clinicIds.push(
        (await payload.create({ collection: 'clinics', data: c.data as never, ...trusted })).id,
      )
    log(`clinics: ${clinicIds.length}`)

    // --- users: an admin first (the first user becomes admin), then medical reviewers -----------
    const user = async (email: string, data: Record<string, unknown>) =>
      (
        await payload.create({
          collection: 'users',
          data: {
            email,
            password: randomBytes(18).toString('base64url'),
            clinics: [],
            ...data,
          } as never,
          ...trusted,
        })
      ).id
    await user(`bench.admin@${DOMAIN}`, { name: 'Bench Admin', roles: ['admin'] })
    const reviewerIds: Id[] = []
    for (let i = 0; i < 6; i++) {
      reviewerIds.push(
        await user(`reviewer${i + 1}@${DOMAIN}`, {
          name: `${FIRST[(i * 3) % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`,
          credentials: i % 2 ? 'DO' : 'MD',
          roles: ['medical-reviewer'],
        }),
      )
    }
    log(`users: 1 admin, ${reviewerIds.length} medical reviewers`)

    // --- providers: ~3 per clinic, some at a second clinic ---------------------------------------
    const providerIds: Id[] = []
    const providerClinics: number[][] = []
    const providerJobs: (() => Promise<void>)[] = []
    for (let c = 0; c < CLINICS; c++) {
      for (let k = 0; k < 3; k++) {
        const n = c * 3 + k
        const name = `${FIRST[n % FIRST.length]} ${LAST[(n * 7 + c) % LAST.length]}`
        const [credentials, role] = CREDENTIALS[(n + c) % CREDENTIALS.length]!
        const clinicsOf = rand.next() < 0.2 ? [c, (c + 1) % CLINICS] : [c]
        const bio = toLexical(paragraphs(rand, 1, 2))
        providerClinics[n] = clinicsOf
        providerJobs.push(async () => {
          const doc = await payload.create({
            collection: 'providers',
            data: {
              name,
              slug: `${slugify(name)}-${n + 1}`,
              credentials,
              role,
              bio,
              clinics: clinicsOf.map((i) => clinicIds[i]),
            } as never,
            ...trusted,
          })
          providerIds[n] = doc.id
        })
      }
    }
    await runAll(providerJobs, CONCURRENCY)
    const providersByClinic = new Map<number, Id[]>()
    providerClinics.forEach((clinicsOf, n) =>
      clinicsOf.forEach((i) =>
        providersByClinic.set(i, [...(providersByClinic.get(i) ?? []), providerIds[n]!]),
      ),
    )
    log(`providers: ${providerIds.length}`)

    // --- images --------------------------------------------------------------------------------
    const mediaIds: Id[] = []
    for (let i = 0; i < IMAGES; i++) {
      // A smooth two-colour gradient with some texture: photo-like to the encoders, 1600x900.
      const width = 1600
      const height = 900
      const raw = Buffer.alloc(width * height * 3)
      const [r1, g1, b1] = [rand.int(256), rand.int(256), rand.int(256)]
      const [r2, g2, b2] = [rand.int(256), rand.int(256), rand.int(256)]
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const t = (x / width + y / height) / 2
          const noise = ((x * 7919 + y * 104729 + i * 31) % 23) - 11
          const o = (y * width + x) * 3
          raw[o] = Math.max(0, Math.min(255, r1 + (r2 - r1) * t + noise))
          raw[o + 1] = Math.max(0, Math.min(255, g1 + (g2 - g1) * t + noise))
          raw[o + 2] = Math.max(0, Math.min(255, b1 + (b2 - b1) * t + noise))
        }
      }
      const data = await sharp(raw, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 82 })
        .toBuffer()
      const doc = await payload.create({
        collection: 'media',
        data: { alt: `Treatment room at a Northwind clinic, view ${i + 1}` } as never,
        file: { data, mimetype: 'image/jpeg', name: `bench-hero-${i + 1}.jpg`, size: data.length },
        ...trusted,
      })
      mediaIds.push(doc.id)
    }
    log(`images: ${mediaIds.length}`)

    // --- FAQs ------------------------------------------------------------------------------------
    const faqJobs: (() => Promise<void>)[] = []
    const faqConditions: { owner?: number; conditions: number[] }[] = []
    let faqCount = 0
    for (const topic of FAQ_TOPIC_VALUES) {
      for (const [q, question] of FAQ_QUESTIONS[topic].entries()) {
        for (let copy = 0; copy < 2; copy++) {
          const condition = rand.int(conditionIds.length)
          const conditions = [
            condition,
            ...(rand.next() < 0.3 ? [rand.int(conditionIds.length)] : []),
          ].filter((v, i, a) => a.indexOf(v) === i)
          faqConditions.push({ conditions })
          const answer = toLexical(paragraphs(rand, 1, 3))
          faqJobs.push(() =>
            payload
              .create({
                collection: 'faqs',
                data: {
                  question: question.replace('{c}', conditionDefs[condition]!.name),
                  answer,
                  topic,
                  conditions: conditions.map((k) => conditionIds[k]),
                  owner: 'network',
                  order: q * 10 + copy,
                  _status: 'published',
                } as never,
                ...trusted,
              })
              .then(() => void faqCount++),
          )
        }
      }
    }
    for (let c = 0; c < CLINICS; c++) {
      for (const [q, template] of rand.some(LOCAL_FAQ, 3, 3).entries()) {
        faqConditions.push({ owner: c, conditions: [] })
        const answer = toLexical(paragraphs(rand, 1, 2))
        faqJobs.push(() =>
          payload
            .create({
              collection: 'faqs',
              data: {
                question: template.replace('{city}', clinicDefs[c]!.city),
                answer,
                topic: 'general',
                conditions: [],
                owner: 'clinic',
                ownerClinic: clinicIds[c],
                order: 50 + q,
                _status: 'published',
              } as never,
              ...trusted,
            })
            .then(() => void faqCount++),
        )
      }
    }
    await runAll(faqJobs, CONCURRENCY)
    log(`faqs: ${faqCount}`)

    // --- plan the articles until the sites add up to TARGET_PAGES --------------------------------
    const plan: PlannedArticle[] = []
    const optOuts = new Map<number, Set<number>>() // clinic -> planned article numbers
    const pagesNow = () => countPages(plan, optOuts, clinicDefs, faqConditions).total
    const addArticle = () => {
      const n = plan.length
      const roll = rand.next()
      const kind: PlannedArticle['kind'] = roll < 0.3 ? 'local' : roll < 0.38 ? 'all' : 'selected'
      const conditions = rand.some(
        conditionIds.map((_, k) => k),
        1,
        3,
      )
      if (kind === 'local')
        plan.push({ n, kind, owner: rand.int(CLINICS), clinics: [], conditions })
      else if (kind === 'all')
        plan.push({ n, kind, clinics: [], canonical: rand.int(CLINICS), conditions })
      else {
        const clinics = rand.some(
          clinicDefs.map((c) => c.index),
          2,
          20,
        )
        plan.push({ n, kind, clinics, canonical: rand.pick(clinics), conditions })
      }
    }
    // Grow in steps (counting is O(articles x clinics)), then one at a time near the target.
    while (pagesNow() < TARGET_PAGES * 0.97) for (let i = 0; i < 25; i++) addArticle()
    while (pagesNow() < TARGET_PAGES) addArticle()
    // A few clinics opt out of some network-wide articles; then top up to the target again.
    const allArticles = plan.filter((a) => a.kind === 'all')
    for (let c = 0; c < CLINICS; c++) {
      if (rand.next() < 0.3 && allArticles.length > 0)
        optOuts.set(c, new Set(rand.some(allArticles, 1, 2).map((a) => a.n)))
    }
    while (pagesNow() < TARGET_PAGES) addArticle()
    const expected = countPages(plan, optOuts, clinicDefs, faqConditions)
    log(
      `plan: ${plan.length} articles (${plan.filter((a) => a.kind === 'local').length} local, ${allArticles.length} for all clinics, ` +
        `${plan.filter((a) => a.kind === 'selected').length} for selected clinics) -> ${expected.total} pages on ${CLINICS} clinic sites`,
    )

    // --- create the articles -------------------------------------------------------------------
    const articleIds: Id[] = new Array(plan.length)
    let totalWords = 0
    let totalBodyBytes = 0
    let done = 0
    const t0 = performance.now()
    const dayMs = 86_400_000
    const seeds = plan.map(() => rand.int(2 ** 31))
    const spanishSources: SpanishArticle[] = new Array(plan.length)
    const articleJobs = plan.map((a) => async () => {
      // Each article its own generator: the same content whatever order the workers take them in.
      const rand = prng(seeds[a.n]!)
      const main = conditionDefs[a.conditions[0]!]!
      const angle = rand.pick(ANGLES)
      const title = `${main.name}: ${angle}`
      const blocks = articleBody(rand, main.name, rand.between(1_400, 1_600))
      const body = toLexical(blocks)
      totalWords += plainText(blocks).split(/\s+/).filter(Boolean).length
      totalBodyBytes += JSON.stringify(body).length
      const authors =
        a.kind === 'local' ? (providersByClinic.get(a.owner!) ?? providerIds) : providerIds
      const excerpt = rand.pick(SHORT_SENTENCES).slice(0, 290)
      const hero = mediaIds.length > 0 && rand.next() < 0.7 ? rand.pick(mediaIds) : undefined
      const doc = await payload.create({
        collection: 'articles',
        data: {
          title: a.n % 7 === 0 ? title : `${title} (${a.n + 1})`,
          slug: `${slugify(`${main.name} ${angle}`).slice(0, 80)}-${a.n + 1}`,
          excerpt,
          heroImage: hero,
          body,
          references: rand.some(
            demoArticles.flatMap((d) => d.references),
            2,
            4,
          ),
          author: rand.pick(authors),
          medicalReviewer: rand.pick(reviewerIds),
          // Within the last 11 months: publishing needs a review within the network's interval.
          lastReviewedAt: new Date(Date.now() - (1 + rand.int(330)) * dayMs).toISOString(),
          conditions: a.conditions.map((k) => conditionIds[k]),
          owner: a.kind === 'local' ? 'clinic' : 'network',
          ownerClinic: a.kind === 'local' ? clinicIds[a.owner!] : undefined,
          syndication: a.kind === 'local' ? undefined : a.kind === 'all' ? 'all' : 'selected',
          clinics: a.kind === 'selected' ? a.clinics.map((i) => clinicIds[i]) : [],
          canonicalClinic: a.canonical === undefined ? undefined : clinicIds[a.canonical],
          meta: { title: title.slice(0, 70), description: excerpt.slice(0, 160) },
          _status: 'published',
        } as never,
        ...trusted,
      })
      articleIds[a.n] = doc.id
      const data = doc as unknown as SpanishArticle & {
        medicalReviewer: Id
        lastReviewedAt: string
        references?: SpanishArticle['references']
      }
      spanishSources[a.n] = {
        id: doc.id,
        slug: data.slug,
        condition: main.name,
        words: Math.round(plainText(blocks).split(/\s+/).length),
        references: data.references ?? [],
        reviewer: data.medicalReviewer,
        reviewedAt: data.lastReviewedAt,
      }
      done++
      if (done % 100 === 0 || done === plan.length) {
        const rate = done / ((performance.now() - t0) / 1000)
        log(
          `articles: ${done}/${plan.length} (${rate.toFixed(1)}/s, ${Math.round((plan.length - done) / rate)} s left)`,
        )
      }
    })
    await runAll(articleJobs, CONCURRENCY)

    for (const [c, articles] of optOuts) {
      await payload.update({
        collection: 'clinics',
        id: clinicIds[c]!,
        data: { optedOutArticles: [...articles].map((n) => articleIds[n]) } as never,
        ...trusted,
      })
    }
    const spanishArticles = await publishSpanishShare(payload, spanishSources, {
      seed: 0x35 + TARGET_PAGES,
      concurrency: CONCURRENCY,
      log,
    })
    await payload.updateGlobal({
      slug: 'network-settings',
      data: { networkName: NETWORK_NAME } as never,
      ...trusted,
    })
    log(
      `opt-outs: ${[...optOuts.values()].reduce((s, v) => s + v.size, 0)} on ${optOuts.size} clinics`,
    )

    // Fold the WAL into the database file so that one file is the whole database (for the cache).
    const client = (
      payload.db as unknown as { client?: { execute: (sql: string) => Promise<unknown> } }
    ).client
    await client?.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => {})

    const result = {
      clinics: CLINICS,
      conditions: conditionIds.length,
      providers: providerIds.length,
      reviewers: reviewerIds.length,
      faqs: faqCount,
      images: mediaIds.length,
      articles: plan.length,
      spanishArticles,
      articleKinds: {
        local: plan.filter((a) => a.kind === 'local').length,
        all: allArticles.length,
        selected: plan.filter((a) => a.kind === 'selected').length,
      },
      optOuts: [...optOuts.values()].reduce((s, v) => s + v.size, 0),
      expectedPages: expected.total,
      expectedArticlePages: expected.articlePages,
      avgWords: Math.round(totalWords / Math.max(1, plan.length)),
      avgBodyJsonBytes: Math.round(totalBodyBytes / Math.max(1, plan.length)),
      articleMs: Math.round(performance.now() - t0),
      ms: Math.round(performance.now() - started),
    }
    console.log(`BENCH_SEED_RESULT ${JSON.stringify(result)}`)
  } finally {
    await payload.destroy()
  }
}

/** Pages of every clinic site, counted the way site/src/data/clinic-site.ts and src/pages/ render them. */
function countPages(
  plan: PlannedArticle[],
  optOuts: Map<number, Set<number>>,
  clinics: { index: number; treated: number[] }[],
  faqs: { owner?: number; conditions: number[] }[],
) {
  let total = 0
  let articlePages = 0
  const networkFaqConditions = faqs
    .filter((f) => f.owner === undefined)
    .flatMap((f) => f.conditions)
  for (const clinic of clinics) {
    const c = clinic.index
    const skip = optOuts.get(c)
    const shown = plan.filter((a) => {
      if (a.kind === 'local') return a.owner === c
      if (skip?.has(a.n)) return false
      return a.kind === 'all' || a.clinics.includes(c)
    })
    const conditions = new Set([
      ...clinic.treated,
      ...shown.flatMap((a) => a.conditions),
      ...networkFaqConditions,
      ...faqs.filter((f) => f.owner === c).flatMap((f) => f.conditions),
    ])
    const listPages = Math.max(1, Math.ceil(shown.length / ARTICLES_PER_PAGE))
    articlePages += shown.length
    total += shown.length + listPages + conditions.size + FIXED_PAGES_PER_CLINIC
  }
  return { total, articlePages }
}

/** Runs the jobs with at most `limit` at once; the first failure fails the run. */
async function runAll(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!()
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker))
}

try {
  await main()
  process.exit(0)
} catch (error) {
  console.error(`[seed] FAILED: ${(error as Error).stack ?? error}`)
  process.exit(1)
}
