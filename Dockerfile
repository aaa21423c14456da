# syntax=docker/dockerfile:1
# Multi-stage image: compile and build the content store in the builder, then ship a slim runtime
# with production dependencies only, the store baked in read-only, running as a non-root user.
# NODE_IMAGE can point at a locally made base, for machines that cannot pull images
# (scripts/container/node-base.sh makes one; npm run container:smoke uses it).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS builder
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY data ./data
# npm run build compiles the TypeScript (db:build runs from it here) and bundles the server into
# dist/bundle, which is all the runtime stage runs. After the prune: better-sqlite3 needs only its
# addon at run time, not the ~30 MB of objects and sources its compile leaves. The write bits go
# here, not in the runtime stage: a chmod there would copy every file into one more layer (about
# 90 MB); COPY --from keeps the modes.
# The server then starts once, as the runtime will (same node, same flags), to write the V8 code
# cache it starts from (src/build/code-cache.ts): the runtime is read-only and could not write it.
RUN npm run build \
  && STORE_PATH=/app/var/guide.db node dist/src/cli/db-build.js \
  && npm prune --omit=dev --no-audit --no-fund \
  && find node_modules/better-sqlite3/build -type f ! -name better_sqlite3.node -delete \
  && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
  && PRIME_CODE_CACHE=1 STORE_PATH=/app/var/guide.db BUILD_STORE_ON_START=never HOST=127.0.0.1 PORT=0 NODE_ENV=production \
     node --max-semi-space-size=4 --heap-growing-percent=50 dist/bundle/server.mjs \
  && chmod -R a-w package.json node_modules dist/bundle migrations var/guide.db

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    STORE_PATH=/app/var/guide.db \
    MIGRATIONS_DIR=/app/migrations \
    BUILD_STORE_ON_START=never
WORKDIR /app
COPY --from=builder /app/package.json ./package.json
# node_modules stays: the bundle loads better-sqlite3 from it, and the docs UI's assets and the
# log transport's worker are read from their packages' folders.
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist/bundle ./dist/bundle
COPY --from=builder /app/migrations ./migrations
COPY --from=builder /app/var/guide.db ./var/guide.db
# Everything under /app is owned by root and read-only (modes from the builder); the server only
# reads, so it also runs with a read-only root filesystem (`--read-only`).
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What npm start runs, without building first.
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=50", "dist/bundle/server.mjs"]
