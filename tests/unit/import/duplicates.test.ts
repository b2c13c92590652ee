import { beforeAll, describe, expect, it } from 'vitest'

import { type Corpus, generateCorpus } from '../../../bench/lib/import-corpus.ts'
import { findDuplicates } from '../../../cms/src/import/duplicates/groups.ts'

/** Pairs (as "a|b" of post ids) that share a group, from groups of post indices. */
function pairsOf(groups: number[][]): Set<string> {
  const pairs = new Set<string>()
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        pairs.add([group[i], group[j]].sort((x, y) => x! - y!).join('|'))
      }
    }
  }
  return pairs
}

describe('duplicate grouping on the labelled corpus (5 clinics x 300 posts)', () => {
  let corpus: Corpus
  let result: ReturnType<typeof findDuplicates>
  beforeAll(() => {
    corpus = generateCorpus()
    result = findDuplicates(
      corpus.posts.map((post) => ({
        clinic: post.clinic,
        title: post.title,
        text: post.paragraphs.join('\n'),
        publishedAt: post.publishedAt,
      })),
      { names: corpus.clinics.flatMap((clinic) => [clinic.name, clinic.city, clinic.region]) },
    )
    // A few seconds alone; the unit files run in parallel on a shared 2-core machine. Speed is
    // measured by npm run bench:import, not here.
  }, 60_000)

  it('finds the copies with precision and recall of at least 0.95', () => {
    const truth = new Map<number, number[]>()
    corpus.posts.forEach((post, index) => {
      truth.set(post.origin, [...(truth.get(post.origin) ?? []), index])
    })
    const expected = pairsOf([...truth.values()])
    const found = pairsOf(result.groups.map((group) => group.members))
    const correct = [...found].filter((pair) => expected.has(pair)).length
    const precision = found.size === 0 ? 0 : correct / found.size
    const recall = correct / expected.size
    console.log(
      `[duplicates] ${corpus.posts.length} posts, ${expected.size} copy pairs labelled, ${found.size} found: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    )
    expect(expected.size).toBeGreaterThan(500)
    expect(precision).toBeGreaterThanOrEqual(0.95)
    expect(recall).toBeGreaterThanOrEqual(0.95)
  })

  it('never puts two posts of one clinic in one group', () => {
    for (const group of result.groups) {
      const clinics = group.members.map((i) => corpus.posts[i]!.clinic)
      expect(new Set(clinics).size).toBe(clinics.length)
    }
  })

  it('keeps same-topic articles written separately apart and lists them as related', () => {
    const sameTitleDifferentOrigin = result.related.filter((pair) => {
      const [a, b] = [corpus.posts[pair.a]!, corpus.posts[pair.b]!]
      return a.title === b.title && a.origin !== b.origin
    })
    expect(sameTitleDifferentOrigin.length).toBeGreaterThan(10)
    const grouped = new Map<number, number>()
    result.groups.forEach((group, n) => group.members.forEach((i) => grouped.set(i, n)))
    for (const pair of sameTitleDifferentOrigin) {
      expect(pair.text).toBeLessThan(0.5)
      const [ga, gb] = [grouped.get(pair.a), grouped.get(pair.b)]
      expect(ga === undefined || ga !== gb).toBe(true)
    }
  })
})

describe('duplicate grouping rules', () => {
  // Forty sentences that share no word with one another.
  const base = Array.from({ length: 40 }, (_, i) =>
    ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']
      .map((word) => `${word}${i}`)
      .join(' '),
  )
  const article = (clinic: string, lines: string[], title = 'Infusion safety checks') => ({
    clinic,
    title,
    text: lines.join('\n'),
    publishedAt: null,
  })

  it('does not merge a chain of weak links into one group', () => {
    // A~B and B~C are strong enough to merge on their own; A and C share too little.
    const a = base.slice(0, 30)
    const b = base.slice(8, 38)
    const c = [
      ...base.slice(16, 40),
      ...base.slice(0, 6).map((line) => line.replace(/\d+/g, 'x$&')),
    ]
    const result = findDuplicates([article('one', a), article('two', b), article('three', c)], {
      mergeThreshold: 0.4,
      linkFloor: 0.35,
    })
    expect(result.textSimilarity(0, 1)).toBeGreaterThan(0.4)
    expect(result.textSimilarity(1, 2)).toBeGreaterThan(0.4)
    expect(result.textSimilarity(0, 2)).toBeLessThan(0.35)
    expect(result.groups).toHaveLength(1)
    expect(result.groups[0]!.members).toHaveLength(2)
  })

  it('removes clinic names and phone numbers before comparing', () => {
    const one = base.map((line) => `${line} Call Clearwater Albuquerque at (505) 555-0142.`)
    const two = base.map((line) => `${line} Call Clearwater Temecula at (951) 555-0163.`)
    const result = findDuplicates([article('a', one), article('b', two)], {
      names: ['Clearwater Albuquerque', 'Clearwater Temecula'],
    })
    expect(result.textSimilarity(0, 1)).toBe(1)
    expect(result.groups).toHaveLength(1)
  })
})
