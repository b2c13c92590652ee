import type { Access, Where } from 'payload'

import { clinicIdsOf, hasRole, isClinicScoped, isNetworkStaff } from '../../../access/roles'

/**
 * Articles and FAQs. Anonymous readers: published only. Network staff and medical reviewers: all.
 * Clinic editors: published network content plus everything (drafts too) of their own clinics,
 * never another clinic's documents or drafts.
 */
export const readOwnedContent: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return { _status: { equals: 'published' } }
  if (isNetworkStaff(user) || hasRole(user, 'medical-reviewer')) return true
  if (isClinicScoped(user)) {
    return {
      or: [
        { and: [{ owner: { equals: 'network' } }, { _status: { equals: 'published' } }] },
        { ownerClinic: { in: clinicIdsOf(user) } },
      ],
    }
  }
  return false
}
