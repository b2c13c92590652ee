import type { Field, FieldAccess } from 'payload'

import { hasRole, isReviewerOnly } from '../access/roles'

export const REVIEW_FIELDS = ['medicalReviewer', 'lastReviewedAt', 'reviewedBy'] as const

const reviewersAndAdmins: FieldAccess = ({ req: { user } }) =>
  hasRole(user, 'admin', 'medical-reviewer')
const notReviewerOnly: FieldAccess = ({ req: { user } }) => !isReviewerOnly(user)

/**
 * Medical reviewers may change the review fields and nothing else; only they and admins may change
 * the review fields. Field-level access keeps the admin form working for both (read-only where
 * not allowed) and makes the API ignore what a role may not write.
 */
export function separateReviewFromEditing(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if ('name' in field && field.name && field.type !== 'ui') {
      const review = (REVIEW_FIELDS as readonly string[]).includes(field.name)
      const access = 'access' in field ? field.access : undefined
      return {
        ...field,
        access: {
          ...access,
          create: review ? reviewersAndAdmins : (access?.create ?? notReviewerOnly),
          update: review ? reviewersAndAdmins : notReviewerOnly,
        },
      } as Field
    }
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) =>
          'name' in tab && tab.name
            ? { ...tab, access: { update: notReviewerOnly } }
            : { ...tab, fields: separateReviewFromEditing(tab.fields) },
        ),
      } as Field
    }
    if ('fields' in field)
      return { ...field, fields: separateReviewFromEditing(field.fields) } as Field
    return field
  })
}
