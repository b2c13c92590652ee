import type { CollectionBeforeChangeHook } from 'payload'

interface ImportSource {
  key?: string | null
  editedAfterImport?: boolean | null
}

/**
 * Only the importer (cms/src/import/apply/, passing `context.importApply`) writes `importSource`.
 * Any other change to an imported document (an editor's save, an autosave, a review, a publish)
 * marks it as edited, so a later re-import reports a conflict instead of overwriting that work;
 * what a request sends for `importSource` is ignored, so no one forges or clears an import key
 * (a duplicate starts without one).
 */
export const markEditedAfterImport: CollectionBeforeChangeHook = ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (req.context.importApply) return data
  const { importSource: _sent, ...rest } = data as { importSource?: unknown }
  const source = (originalDoc as { importSource?: ImportSource } | undefined)?.importSource
  if (operation !== 'update' || !source?.key) return rest
  return { ...rest, importSource: { ...source, editedAfterImport: true } }
}
