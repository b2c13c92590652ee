import { ValidationError } from 'payload'
import type { CollectionBeforeValidateHook, Field } from 'payload'

import { isSafeHref } from '@clinic/shared/url'

interface LexicalNode {
  type?: string
  url?: string
  fields?: { url?: string; linkType?: string }
  children?: LexicalNode[]
}

/** Every unsafe link URL in a Lexical tree, depth first. */
export function unsafeLinksIn(node: LexicalNode | null | undefined): string[] {
  if (!node || typeof node !== 'object') return []
  const found: string[] = []
  const url = node.fields?.linkType === 'internal' ? undefined : (node.fields?.url ?? node.url)
  if (typeof url === 'string' && !isSafeHref(url)) found.push(url)
  for (const child of node.children ?? []) found.push(...unsafeLinksIn(child))
  return found
}

function richTextPaths(fields: Field[], prefix = ''): string[] {
  return fields.flatMap((field) => {
    if (field.type === 'richText' && 'name' in field) return [`${prefix}${field.name}`]
    if (
      (field.type === 'group' || field.type === 'collapsible' || field.type === 'row') &&
      'fields' in field
    ) {
      return richTextPaths(
        field.fields,
        'name' in field && field.name ? `${prefix}${field.name}.` : prefix,
      )
    }
    // Unnamed tabs keep their fields at this level (an article's body lives in one); named tabs nest them.
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) =>
        richTextPaths(tab.fields, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix),
      )
    }
    return []
  })
}

/**
 * Refuses `javascript:`, `data:` and other unsafe link targets in any rich-text field, on every
 * save (drafts included: Payload skips field validation for drafts, and a draft is one click
 * from being published).
 */
export const rejectUnsafeLinks: CollectionBeforeValidateHook = ({ data, collection }) => {
  if (!data) return data
  const errors = richTextPaths(collection.fields).flatMap((path) => {
    const value = path
      .split('.')
      .reduce<unknown>((obj, key) => (obj as Record<string, unknown> | undefined)?.[key], data)
    const root = (value as { root?: LexicalNode } | undefined)?.root
    return unsafeLinksIn(root).map((url) => ({
      path,
      message: `Link "${url.slice(0, 60)}" is not allowed: links must be http(s), mailto:, tel: or a relative path.`,
    }))
  })
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors })
  return data
}
