/**
 * The benchmarks' Spanish share (bench/lib/seed-network.ts): about SPANISH_SHARE of the synthetic
 * articles get a Spanish version, published in Spanish through the Local API (`locale: 'es'`),
 * with a body about as long as the English one and its own medical review, as editors publish a
 * translation. The sentences are ours, written for this synthetic network; the same articles get
 * the same text on every run (a seeded generator per article).
 */
import type { Payload } from 'payload'

import type { Block } from '../../cms/src/seed/content/types.ts'
import { toLexical } from '../../cms/src/seed/richText.ts'
import { mulberry32 } from './random.ts'

export const SPANISH_SHARE = 0.3

const SENTENCES = [
  'Antes de la primera sesión, el equipo revisa con usted sus medicamentos y sus dudas.',
  'Traiga una lista de lo que toma cada día, incluidas las vitaminas y los suplementos.',
  'La mayoría de las personas descansan en un sillón reclinable durante la infusión.',
  'Un familiar puede acompañarle si la clínica lo permite y usted lo prefiere.',
  'Es normal sentir cansancio el resto del día; planifique una tarde tranquila.',
  'Anote cómo se siente en los días siguientes para comentarlo en la próxima visita.',
  'Si nota algún síntoma nuevo o intenso, llame a la clínica antes de esperar a la cita.',
  'El plan de tratamiento se ajusta con el tiempo según su respuesta y sus objetivos.',
  'Ninguna pregunta es demasiado pequeña: el personal está para explicarle cada paso.',
  'Coma algo ligero antes de venir, salvo que le hayan indicado lo contrario.',
  'Use ropa cómoda y con mangas fáciles de subir para colocar la vía.',
  'Después de la sesión, no conduzca hasta que el equipo le confirme que puede hacerlo.',
  'Hablar con su familia sobre el tratamiento ayuda a que sepan cómo apoyarle.',
  'Si necesita un intérprete, pídalo al reservar la cita y la clínica lo organizará.',
]
const HEADINGS = [
  'Qué esperar',
  'Cómo prepararse',
  'Durante la visita',
  'Después del tratamiento',
  'Cuándo llamar a la clínica',
  'Preguntas frecuentes de las familias',
]

const prng = mulberry32

function spanishBody(next: () => number, words: number): Block[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
  const blocks: Block[] = []
  let count = 0
  while (count < words) {
    blocks.push({ h2: pick(HEADINGS) })
    for (let i = 0; i < 3; i++) {
      const text = Array.from({ length: 3 + Math.floor(next() * 3) }, () => pick(SENTENCES)).join(
        ' ',
      )
      count += text.split(/\s+/).length
      blocks.push({ p: text })
    }
  }
  return blocks
}

export interface SpanishArticle {
  id: number | string
  /** The English slug; the Spanish one adds `-es`. */
  slug: string
  /** The condition the article is about (its name stays as the English document names it). */
  condition: string
  words: number
  references: { id?: string | null; url: string; title: string }[]
  reviewer: number | string
  reviewedAt: string
}

/** Publishes the Spanish version of each article picked by the seeded share; returns how many. */
export async function publishSpanishShare(
  payload: Payload,
  articles: SpanishArticle[],
  { seed, concurrency, log }: { seed: number; concurrency: number; log: (line: string) => void },
): Promise<number> {
  const pickShare = prng(seed)
  const chosen = articles.filter(() => pickShare() < SPANISH_SHARE)
  let next = 0
  const worker = async () => {
    while (next < chosen.length) {
      const index = next++
      const article = chosen[index]!
      const text = prng(seed + index + 1)
      await payload.update({
        collection: 'articles',
        id: article.id,
        locale: 'es',
        data: {
          title: `${article.condition}: guía para pacientes y familias (${index + 1})`,
          slug: `${article.slug}-es`,
          excerpt: 'Qué esperar, cómo prepararse y cuándo llamar a la clínica, en pocas palabras.',
          body: toLexical(spanishBody(text, article.words)),
          references: article.references,
          medicalReviewer: article.reviewer,
          lastReviewedAt: article.reviewedAt,
          _status: 'published',
        } as never,
        overrideAccess: true,
        context: { seeding: true },
        depth: 0,
      })
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  log(`Spanish: ${chosen.length} of ${articles.length} articles published in Spanish`)
  return chosen.length
}
