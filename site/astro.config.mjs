// @ts-check
import { defineConfig } from 'astro/config'

/** Media are served by the CMS; only its media URLs may go through the image pipeline. */
const cms = new URL(process.env.CMS_URL ?? 'http://localhost:3000')

// One build renders every clinic: pages live under src/pages/[clinic]/ and scripts/build-sites.ts
// splits dist/<clinic>/ into one self-contained tree per clinic domain.
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One cached stylesheet for every page instead of CSS repeated in each HTML file.
    inlineStylesheets: 'never',
  },
  compressHTML: true,
  // Astro logs a line per page; at thousands of pages that is noise: progress lines instead.
  logger: {
    entrypoint: new URL('./scripts/progress-logger.mjs', import.meta.url),
    config: { level: 'warn' },
  },
  image: {
    remotePatterns: [
      {
        protocol: cms.protocol.replace(':', ''),
        hostname: cms.hostname,
        ...(cms.port ? { port: cms.port } : {}),
        pathname: '/api/media/**',
      },
    ],
  },
  // Never inline scripts: the sites' Content-Security-Policy allows script files from 'self' only.
  vite: { build: { assetsInlineLimit: 0 } },
  prefetch: false,
  devToolbar: { enabled: false },
})
