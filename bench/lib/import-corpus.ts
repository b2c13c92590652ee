/**
 * A labelled corpus of clinic blog posts for the duplicate finder's precision/recall test and
 * `npm run bench:import`: CLINICS clinics x POSTS posts, about 40% of them copies of another
 * clinic's post with the edits clinics make (their name, city and phone, a sentence or two
 * rewritten, a local paragraph, their own closing call to action), plus same-topic articles
 * written separately (shared title words, no shared sentences): the hard negatives. Text is made
 * from phrase lists (written for this project) by a seeded PRNG, so the corpus is the same on
 * every run. Plain Node.
 */
import { mulberry32 } from './random.ts'

export interface CorpusClinic {
  slug: string
  name: string
  city: string
  region: string
  phone: string
}

export interface CorpusPost {
  clinic: string
  /** Unique per post. */
  id: number
  title: string
  paragraphs: string[]
  publishedAt: string
  /** The original this post is a copy of (its own id when it is an original). */
  origin: number
}

export interface Corpus {
  clinics: CorpusClinic[]
  posts: CorpusPost[]
}

const prng = mulberry32

const OPENERS = [
  '',
  'In many cases,',
  'For most patients,',
  'Over time,',
  'In our experience,',
  'According to recent studies,',
  'During the first weeks,',
  'As a rule,',
  'For some people,',
  'In practice,',
  'Put simply,',
  'Not surprisingly,',
  'At each visit,',
  'Before treatment begins,',
  'After an infusion,',
  'Between sessions,',
]
const SUBJECTS = [
  'low-dose ketamine',
  'a series of infusions',
  'the care team',
  'your nurse',
  'the medical director',
  'a booster session',
  'careful monitoring',
  'the first consultation',
  'a written treatment plan',
  'physical therapy',
  'talk therapy',
  'a daily symptom log',
  'good sleep',
  'the infusion room',
  'your primary doctor',
  'regular follow-up',
  'esketamine nasal spray',
  'an intake questionnaire',
  'the pharmacist',
  'a support person',
  'mindfulness practice',
  'gentle exercise',
  'a balanced diet',
  'pain education',
]
const VERBS = [
  'can ease',
  'often reduces',
  'helps to reset',
  'may quiet',
  'tends to shorten',
  'usually improves',
  'is designed to calm',
  'aims to lower',
  'can gradually change',
  'works alongside',
  'supports',
  'rarely worsens',
  'may soften',
  'is meant to interrupt',
  'can sharpen',
  'helps people track',
]
const OBJECTS = [
  'nerve pain that has lasted for years',
  'the low mood that follows a long illness',
  'overactive pain signals in the spinal cord',
  'intrusive memories after trauma',
  'the fatigue that comes with fibromyalgia',
  'burning pain in a hand or foot',
  'migraine attacks that resist other drugs',
  'anxiety about medical procedures',
  'sleep that is broken by pain',
  'the need for higher opioid doses',
  'everyday stress on the family',
  'the urge to avoid social contact',
  'stiffness after a spinal injury',
  'phantom sensations after an amputation',
  'the cycle of pain and poor sleep',
  'thoughts that keep returning',
  'the side effects of older medicines',
  'blood pressure during treatment',
  'the time it takes to feel relief',
  'the cost of repeated emergency visits',
]
const TAILS = [
  '',
  'for several weeks',
  'in a calm setting',
  'with close supervision',
  'when combined with therapy',
  'according to published trials',
  'for people who tried other options',
  'without long hospital stays',
  'as part of a wider plan',
  'in a private room',
  'under medical review',
  'within a few sessions',
  'for many of our patients',
  'at a pace that suits you',
  'when the dose is adjusted',
  'over the following months',
]
const TOPICS = [
  'Chronic Pain',
  'Depression',
  'PTSD',
  'Fibromyalgia',
  'Migraine',
  'CRPS',
  'Neuropathic Pain',
  'Anxiety',
  'Booster Infusions',
  'Your First Visit',
  'Insurance and Costs',
  'Safety and Side Effects',
  'Esketamine',
  'Sleep and Pain',
  'Opioid Alternatives',
  'Family Support',
]
const TITLE_FORMS = [
  'What to Know About Ketamine for {t}',
  '{t}: Questions Patients Ask',
  'How Infusions Help With {t}',
  'A Practical Guide to {t}',
  '{t} and Ketamine: The Evidence',
  'Living With {t}: Where Ketamine Fits',
  'Five Facts About {t}',
  'Understanding {t} Treatment Options',
  'Is Ketamine Right for {t}?',
  'Myths and Facts: {t}',
  'Planning Care for {t}',
  'New Research on {t}',
]

const CLINIC_PLACES: [string, string, string][] = [
  ['albuquerque', 'Albuquerque', 'New Mexico'],
  ['temecula', 'Temecula', 'Southern California'],
  ['waxahachie', 'Waxahachie', 'Ellis County'],
  ['tucson', 'Tucson', 'southern Arizona'],
  ['boulder', 'Boulder', 'the Front Range'],
  ['reno', 'Reno', 'northern Nevada'],
  ['tampa', 'Tampa', 'the Gulf Coast'],
]

export function generateCorpus({
  clinics: clinicCount = 5,
  postsPerClinic = 300,
  copyShare = 0.4,
  seed = 12,
} = {}): Corpus {
  const random = prng(seed)
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!
  const clinics: CorpusClinic[] = CLINIC_PLACES.slice(0, clinicCount).map(
    ([slug, city, region], i) => ({
      slug,
      name: `Clearwater Infusion ${city}`,
      city,
      region,
      phone: `(${505 + i * 37}) 555-01${String(10 + i * 7).padStart(2, '0')}`,
    }),
  )
  const sentence = () =>
    [pick(OPENERS), pick(SUBJECTS), pick(VERBS), pick(OBJECTS), pick(TAILS)]
      .filter(Boolean)
      .join(' ')
      .replace(/^./, (c) => c.toUpperCase())
      .replace(/,\s(\w)/, (m) => m) + '.'
  const paragraph = (n: number) => Array.from({ length: n }, sentence).join(' ')
  const local = (clinic: CorpusClinic) =>
    `At ${clinic.name} we welcome patients from across ${clinic.region}; call ${clinic.phone} with any questions about your first visit.`
  const cta = (clinic: CorpusClinic) =>
    pick([
      `Contact us today at ${clinic.phone}.`,
      `Request your consultation with ${clinic.name} today!`,
      `Call ${clinic.name} at ${clinic.phone} to get started.`,
    ])

  let nextId = 1
  const posts: CorpusPost[] = []
  const originalsPerClinic = Math.round(postsPerClinic * (1 - copyShare))
  const day = (n: number) => new Date(Date.UTC(2016, 0, 1) + n * 86_400_000).toISOString()
  const titleTopics = new Map<number, [string, string]>()
  for (const clinic of clinics) {
    for (let i = 0; i < originalsPerClinic; i++) {
      const id = nextId++
      // One original in twelve re-treats an earlier article's topic and title, in new words.
      const earlier = posts.length > 20 && random() < 1 / 12 ? pick(posts) : null
      const topic = earlier
        ? titleTopics.get(earlier.id)!
        : ([pick(TITLE_FORMS), pick(TOPICS)] as [string, string])
      titleTopics.set(id, topic)
      const paragraphs = Array.from({ length: 6 + Math.floor(random() * 5) }, () =>
        paragraph(3 + Math.floor(random() * 3)),
      )
      paragraphs.splice(1 + Math.floor(random() * 3), 0, local(clinic))
      paragraphs.push(cta(clinic))
      posts.push({
        clinic: clinic.slug,
        id,
        title: topic[0].replace('{t}', topic[1]),
        paragraphs,
        publishedAt: day(Math.floor(random() * 1500)),
        origin: id,
      })
    }
  }
  const originals = [...posts]
  for (const clinic of clinics) {
    const copied = new Set<number>()
    let made = 0
    while (made < postsPerClinic - originalsPerClinic) {
      const source = pick(originals)
      if (source.clinic === clinic.slug || copied.has(source.id)) continue
      copied.add(source.id)
      made++
      posts.push({
        clinic: clinic.slug,
        id: nextId++,
        title: source.title,
        paragraphs: editCopy(source, clinic, clinics, random, sentence, local(clinic), cta(clinic)),
        publishedAt: day(Math.floor(random() * 1500) + 30),
        origin: source.id,
      })
    }
  }
  return { clinics, posts }
}

/** What a clinic changes when it copies a post: names, phone, one or two sentences, a local paragraph, the CTA. */
function editCopy(
  source: CorpusPost,
  clinic: CorpusClinic,
  clinics: CorpusClinic[],
  random: () => number,
  sentence: () => string,
  local: string,
  cta: string,
): string[] {
  const from = clinics.find((c) => c.slug === source.clinic)!
  const paragraphs = source.paragraphs
    .slice(0, -1)
    .map((p) =>
      p
        .replaceAll(from.name, clinic.name)
        .replaceAll(from.region, clinic.region)
        .replaceAll(from.phone, clinic.phone),
    )
  const edits = 1 + Math.floor(random() * 2)
  for (let e = 0; e < edits; e++) {
    const index = Math.floor(random() * paragraphs.length)
    const sentences = paragraphs[index]!.split(/(?<=\.)\s/)
    sentences[Math.floor(random() * sentences.length)] = sentence()
    paragraphs[index] = sentences.join(' ')
  }
  if (random() < 0.5) paragraphs.splice(Math.floor(random() * paragraphs.length), 0, local)
  if (random() < 0.3) paragraphs.splice(Math.floor(random() * paragraphs.length), 1)
  paragraphs.push(cta)
  return paragraphs
}
