import type { Field } from 'payload'

/**
 * Where an imported document came from (cms/src/import/apply/): the import key the importer finds
 * it by again, the hash of what it wrote, and whether anyone has changed the document since. A
 * re-import rewrites a document only while `editedAfterImport` is false; otherwise it reports a
 * conflict and leaves the editor's work alone.
 */
export function importSourceField(): Field {
  return {
    name: 'importSource',
    type: 'group',
    label: 'Imported from',
    admin: {
      position: 'sidebar',
      readOnly: true,
      condition: (data) => Boolean(data?.importSource?.key),
      description:
        'Set by the importer (npm run import); a re-import leaves edited documents alone.',
    },
    fields: [
      { name: 'key', type: 'text', index: true },
      { name: 'contentHash', type: 'text' },
      // Clinic, old URL, WordPress id and file of each copy: the report's lines, kept with the document.
      { name: 'sources', type: 'json' },
      { name: 'importedAt', type: 'date' },
      { name: 'editedAfterImport', type: 'checkbox', defaultValue: false },
    ],
  }
}
