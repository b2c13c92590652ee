/**
 * A build the CMS started (with an IPC channel) ends with the CMS: when the CMS process dies, a
 * build that went on alone could switch releases after another CMS instance took the publisher
 * over and started the same job again. Ending here is the same as being killed: nothing that is
 * half done went live, the lock is stale and the next build takes it and the staging folder over.
 */
export function endWithParent(): void {
  if (!process.channel) return
  process.once('disconnect', () => process.exit(1))
  // The channel alone must not keep the build running once it is done.
  process.channel.unref()
}
