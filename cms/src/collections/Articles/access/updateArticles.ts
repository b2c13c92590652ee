import type { Access } from 'payload'

import { isReviewerOnly } from '../../../access/roles'
import { writeOwnedContent } from '../../../plugins/clinicOwnership/access/writeOwnedContent'

/**
 * Editors by ownership; medical reviewers any article, limited to review fields (see
 * fields/reviewFields.ts) and never publishing (so the admin offers them neither Publish nor the
 * schedule drawer).
 */
export const updateArticles: Access = (args) =>
  isReviewerOnly(args.req.user) ? args.data?._status !== 'published' : writeOwnedContent(args)
