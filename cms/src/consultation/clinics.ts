/**
 * Which clinic a request on a clinic host is for, and where that clinic takes requests. Read from
 * the database and kept for a few seconds: the form is answered at visitor rates, while clinics and
 * intakes change by hand.
 */
import type { Payload } from 'payload'

import { CLINICS, CONSULTATION_INTAKES } from '../collections/slugs'
import type { Channel } from './collections/Deliveries'

export interface ClinicEntry {
  id: string | number
  slug: string
  name: string
  phone: string
  /** The public origin of the clinic's site (https://albuquerque.example.com). */
  origin: string
}

/** The clinic site a request arrived at, and the origin its pages are served from. */
export interface SiteOfRequest {
  clinic: ClinicEntry
  origin: string
}

const TTL_MS = 5_000
const LOCAL_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.localhost(?::(\d{1,5}))?$/

export function clinicDirectory(payload: Payload) {
  let clinics: { at: number; list: Promise<ClinicEntry[]> } | undefined
  const intakes = new Map<string, { at: number; channels: Promise<Channel[]> }>()

  function all(): Promise<ClinicEntry[]> {
    if (!clinics || Date.now() - clinics.at > TTL_MS) {
      const list = payload
        .find({
          collection: CLINICS,
          pagination: false,
          depth: 0,
          sort: 'name',
          select: { slug: true, name: true, phone: true, siteUrl: true },
        })
        .then(({ docs }) =>
          docs.flatMap((doc) => {
            try {
              const origin = new URL(doc.siteUrl).origin
              return doc.slug
                ? [{ id: doc.id, slug: doc.slug, name: doc.name, phone: doc.phone, origin }]
                : []
            } catch {
              return []
            }
          }),
        )
      list.catch(() => (clinics = undefined))
      clinics = { at: Date.now(), list }
    }
    return clinics.list
  }

  /**
   * `<slug>.localhost[:port]` is the local server's own name for a clinic site (served from
   * SITES_DIR, origin as the browser sees it); any other host is a clinic's own domain, which
   * its web server forwards here with the Host header unchanged.
   */
  async function siteOf(hostHeader: string | undefined): Promise<SiteOfRequest | undefined> {
    const host = (hostHeader ?? '').toLowerCase()
    const local = LOCAL_HOST.exec(host)
    const list = await all()
    if (local) {
      const clinic = list.find((entry) => entry.slug === local[1])
      return clinic && { clinic, origin: `http://${host}` }
    }
    const hostname = host.replace(/:\d+$/, '')
    const clinic = list.find((entry) => new URL(entry.origin).hostname === hostname)
    return clinic && { clinic, origin: clinic.origin }
  }

  /** The channels a clinic takes requests through today (none: no intake set up). */
  function channelsOf(clinicId: string | number): Promise<Channel[]> {
    const key = String(clinicId)
    const cached = intakes.get(key)
    if (cached && Date.now() - cached.at <= TTL_MS) return cached.channels
    const channels = payload
      .find({
        collection: CONSULTATION_INTAKES,
        where: { clinic: { equals: clinicId } },
        limit: 1,
        depth: 0,
        select: { email: true, webhookUrl: true },
      })
      .then(({ docs: [intake] }) => [
        ...(intake?.email ? (['email'] as const) : []),
        ...(intake?.webhookUrl ? (['webhook'] as const) : []),
      ])
    channels.catch(() => intakes.delete(key))
    intakes.set(key, { at: Date.now(), channels })
    return channels
  }

  return { all, siteOf, channelsOf }
}

export type ClinicDirectory = ReturnType<typeof clinicDirectory>
