import type { Field, RelationshipField, UploadField } from 'payload'

export type RelationField = RelationshipField | UploadField

const relatesTo = (field: Field, slug: string): field is RelationField =>
  (field.type === 'relationship' || field.type === 'upload') && field.relationTo === slug

/**
 * Dotted paths (`heroImage`, `meta.image`) of the relationship and upload fields to `slug`,
 * through groups, rows, collapsibles and tabs. Arrays and blocks are not walked: no clinic-owned
 * collection relates to images or providers from inside one.
 */
export function relationshipPaths(fields: Field[], slug: string, prefix = ''): string[] {
  return fields.flatMap((field) => {
    if (relatesTo(field, slug)) return [`${prefix}${field.name}`]
    if (field.type === 'group')
      return relationshipPaths(
        field.fields,
        slug,
        'name' in field ? `${prefix}${field.name}.` : prefix,
      )
    if (field.type === 'row' || field.type === 'collapsible')
      return relationshipPaths(field.fields, slug, prefix)
    if (field.type === 'tabs')
      return field.tabs.flatMap((tab) =>
        relationshipPaths(
          tab.fields,
          slug,
          'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix,
        ),
      )
    return []
  })
}

/** The fields with each relationship and upload field (walked as above) replaced by `map(field)`. */
export function mapRelationships(fields: Field[], map: (field: RelationField) => Field): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'relationship' || field.type === 'upload') return map(field)
    if (field.type === 'group' || field.type === 'row' || field.type === 'collapsible')
      return { ...field, fields: mapRelationships(field.fields, map) } as Field
    if (field.type === 'tabs')
      return {
        ...field,
        tabs: field.tabs.map((tab) => ({ ...tab, fields: mapRelationships(tab.fields, map) })),
      }
    return field
  })
}
