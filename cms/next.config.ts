import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // The shared workspace ships TypeScript sources.
  transpilePackages: ['@clinic/shared'],
  poweredByHeader: false,
  // Express answers the health probes and sets security headers; Next serves the admin and API.
  images: { unoptimized: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
