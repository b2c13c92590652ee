import { jaccard, makeNormaliser, titleWords } from './normalize'
import { candidatePairs, DEFAULT_LSH, type LshParams, shingles, signature } from './minhash'

/**
 * Near-duplicate groups across clinics. LSH proposes candidate pairs; each is scored by the exact
 * Jaccard similarity of its 5-word shingles; groups grow from the strongest pairs down, and two
 * groups join only if every copy in one is close enough to every copy in the other (so a chain of
 * weak links, A~B and B~C with A and C unlike, never merges A with C) and no clinic would end up
 * with two copies in one group.
 */

export interface ComparableArticle {
  clinic: string
  title: string
  /** Extracted text, one block per line. */
  text: string
  publishedAt: string | null
}

export interface DuplicateOptions {
  /** Mean similarity two groups need to be merged. */
  mergeThreshold: number
  /** No pair inside a merged group may be less similar than this. */
  linkFloor: number
  /** Pairs from this text similarity up (and not merged) are reported as related. */
  relatedText: number
  /** Pairs whose titles share this much (and not merged) are reported as related. */
  relatedTitle: number
  /** Names to take out before comparing: clinic names, cities, regions, old site names. */
  names: string[]
  lsh: LshParams
}

export const DEFAULT_DUPLICATE_OPTIONS: DuplicateOptions = {
  mergeThreshold: 0.5,
  linkFloor: 0.35,
  relatedText: 0.15,
  relatedTitle: 0.5,
  names: [],
  lsh: DEFAULT_LSH,
}

export interface PairScore {
  a: number
  b: number
  text: number
  title: number
}

export interface DuplicateResult {
  /** Groups of two or more articles from different clinics (indices into the input). */
  groups: { members: number[]; min: number; mean: number }[]
  related: PairScore[]
  /** Near-identical articles inside one clinic: reported, both kept. */
  withinClinic: PairScore[]
  /** Exact text similarity of any two articles (by index). */
  textSimilarity: (a: number, b: number) => number
}

export function findDuplicates(
  articles: ComparableArticle[],
  partial: Partial<DuplicateOptions> = {},
): DuplicateResult {
  const options = { ...DEFAULT_DUPLICATE_OPTIONS, ...partial }
  const words = makeNormaliser(options.names)
  const sets = articles.map((article) => shingles(words(article.text)))
  const titles = articles.map((article) => titleWords(article.title))
  const signatures = sets.map((set) => signature(set, options.lsh))

  const cache = new Map<number, number>()
  const textSimilarity = (a: number, b: number) => {
    const id = Math.min(a, b) * articles.length + Math.max(a, b)
    let value = cache.get(id)
    if (value === undefined) {
      value = jaccard(sets[a]!, sets[b]!)
      cache.set(id, value)
    }
    return value
  }
  const score = (a: number, b: number): PairScore => ({
    a,
    b,
    text: textSimilarity(a, b),
    title: jaccard(titles[a]!, titles[b]!),
  })

  const nonEmpty = (i: number) => sets[i]!.size > 0
  const candidates = candidatePairs(signatures, (a, b) => nonEmpty(a) && nonEmpty(b), options.lsh)
    .map(([a, b]) => score(a, b))
    .sort((x, y) => y.text - x.text || x.a - y.a || x.b - y.b)

  const crossClinic = (p: PairScore) => articles[p.a]!.clinic !== articles[p.b]!.clinic
  const clusterOf = articles.map((_, index) => [index])
  for (const pair of candidates) {
    if (pair.text < options.mergeThreshold || !crossClinic(pair)) continue
    const left = clusterOf[pair.a]!
    const right = clusterOf[pair.b]!
    if (left === right) continue
    const clinics = new Set(left.map((i) => articles[i]!.clinic))
    if (right.some((i) => clinics.has(articles[i]!.clinic))) continue
    const cross = left.flatMap((i) => right.map((j) => textSimilarity(i, j)))
    const mean = cross.reduce((sum, value) => sum + value, 0) / cross.length
    if (Math.min(...cross) < options.linkFloor || mean < options.mergeThreshold) continue
    const merged = [...left, ...right].sort((x, y) => x - y)
    for (const member of merged) clusterOf[member] = merged
  }

  const groups = [...new Set(clusterOf)]
    .filter((members) => members.length > 1)
    .map((members) => {
      const within = members.flatMap((i, n) =>
        members.slice(n + 1).map((j) => textSimilarity(i, j)),
      )
      return {
        members,
        min: Math.min(...within),
        mean: within.reduce((sum, value) => sum + value, 0) / within.length,
      }
    })

  const reported = new Set<number>()
  const related: PairScore[] = []
  const withinClinic: PairScore[] = []
  const consider = (pair: PairScore) => {
    const id = pair.a * articles.length + pair.b
    if (reported.has(id) || clusterOf[pair.a] === clusterOf[pair.b]) return
    reported.add(id)
    if (!crossClinic(pair)) {
      if (pair.text >= options.mergeThreshold) withinClinic.push(pair)
    } else if (pair.text >= options.relatedText || pair.title >= options.relatedTitle) {
      related.push(pair)
    }
  }
  candidates.forEach(consider)
  for (const [a, b] of titleCandidates(titles)) {
    // The title decides first: the text comparison is only paid for pairs that could be reported.
    if (jaccard(titles[a]!, titles[b]!) >= options.relatedTitle) consider(score(a, b))
  }
  related.sort((x, y) => y.text - x.text || y.title - x.title)
  return { groups, related, withinClinic, textSimilarity }
}

/**
 * Pairs of articles whose titles are the same words, or share a distinctive word (one in at most
 * BUCKET titles): how two articles on one topic, written separately, find each other. Buckets are
 * capped so the number of pairs grows with the number of articles, not with its square.
 */
const BUCKET = 50

function titleCandidates(titles: Set<string>[]): [number, number][] {
  const index = new Map<string, number[]>()
  const add = (key: string, i: number) => {
    const list = index.get(key)
    if (list) list.push(i)
    else index.set(key, [i])
  }
  titles.forEach((words, i) => {
    if (words.size === 0) return
    add(`=${[...words].sort().join(' ')}`, i)
    for (const word of words) add(word, i)
  })
  const pairs = new Map<number, [number, number]>()
  for (const list of index.values()) {
    if (list.length > BUCKET) continue
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        pairs.set(list[i]! * titles.length + list[j]!, [list[i]!, list[j]!])
      }
    }
  }
  return [...pairs.values()]
}
