# The CMS image (docker-compose.yml service `cms`). Built with the same npm scripts as the tests and
# CI: `npm ci`, then `npm run build` (scripts/build.ts -> scripts/lib/admin-build.ts: `next build` of the
# admin and the esbuild bundle of the server, cms/dist/server.js).
# No secret is read at build time: the admin build runs without PAYLOAD_SECRET or DATABASE_URI and
# Payload's config uses a throwaway secret while Next builds (cms/src/lib/env.ts).

FROM node:24-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    ASTRO_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# Every workspace's package.json first, so the dependency layers are cached until a manifest changes.
FROM base AS manifests
COPY package.json package-lock.json ./
COPY cms/package.json cms/
COPY shared/package.json shared/
COPY site/package.json site/

# Build: all dependencies (TypeScript and the types are needed by `next build`), then the admin
# and the server bundle.
FROM manifests AS build
RUN npm ci
COPY tsconfig.json ./
COPY scripts scripts
COPY shared shared
COPY cms cms
COPY site site
RUN npm run build
# scripts/lib/admin-build.ts writes the admin to .next-<inputs hash> and names it in .next-current; the
# image has exactly one build, at a fixed path. Turbopack's build cache is not needed to serve it.
RUN cd cms && mv "$(cat .next-current)" .next && echo .next > .next-current && rm -rf .next/cache

# Runtime dependencies only. The server bundle keeps packages external (they load from here), and
# publishing rebuilds the static sites with Astro and Pagefind: all are `dependencies` of the cms and
# site workspaces.
FROM manifests AS runtime-deps
RUN npm ci --omit=dev

FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    MEDIA_DIR=/data/media \
    SITES_DIR=/data/sites
COPY --from=runtime-deps /app /app
COPY tsconfig.json ./
COPY scripts scripts
COPY shared shared
COPY cms cms
COPY site site
COPY --from=build /app/cms/.next cms/.next
COPY --from=build /app/cms/.next-current cms/.next-current
COPY --from=build /app/cms/dist cms/dist
# The app's code stays root-owned (read-only to the server). What the server writes: its data
# folders (volumes in compose), Next's runtime cache and the site builder's working folders.
RUN mkdir -p /data/media /data/sites /data/nginx cms/.next/cache \
 && chown -R node:node /data cms/.next/cache site
USER node
WORKDIR /app/cms
EXPOSE 3000
# The command the tests and `npm start` use (tests/support/cms.ts, scripts/start.ts). The server
# applies migrations and creates ADMIN_EMAIL's account on start.
CMD ["node", "dist/server.js"]
