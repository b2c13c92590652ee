/**
 * Input the importer refuses as a whole (a malformed export, a file that is not one, an empty
 * folder, an oversize file). The CLI prints the message and exits non-zero; the admin view will
 * answer 400 (413 for size) with it. Nothing has been written when one is thrown: the engine only
 * reads until the plan is complete.
 */
export class ImportInputError extends Error {
  override readonly name = 'ImportInputError'
  constructor(
    message: string,
    /** The file or folder at fault, as it was given. */
    readonly path: string,
    /** HTTP status the admin view answers with. */
    readonly status: 400 | 413 = 400,
  ) {
    super(message)
  }
}

export const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

/** The end of an "Unknown clinic" message. */
export const networkClinics = (slugs: string[]) =>
  slugs.length === 0
    ? 'the network has no clinics yet: create them (or run npm run seed) first.'
    : `the network has ${slugs.join(', ')}.`
