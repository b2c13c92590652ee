import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // The shared workspace ships TypeScript sources.
  transpilePackages: ['@clinic/shared'],
  poweredByHeader: false,
  // Production builds go to `.next-<hash>` (scripts/lib/admin-build.ts); the server names the one it runs.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Express answers the health probes and sets security headers; Next serves the admin and API.
  images: { unoptimized: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
