# syntax=docker/dockerfile:1
# Multi-stage image: compile and build the content store in the builder, then ship a slim runtime
# with production dependencies only, the store baked in read-only, running as a non-root user.
# NODE_IMAGE can point at a locally made base (e.g. on machines that cannot pull images).
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
RUN npm run build \
  && STORE_PATH=/app/var/guide.db node dist/src/cli/db-build.js \
  && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    STORE_PATH=/app/var/guide.db \
    MIGRATIONS_DIR=/app/migrations \
    BUILD_STORE_ON_START=never
WORKDIR /app
COPY --from=builder /app/package.json ./package.json
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist/src ./dist/src
COPY --from=builder /app/migrations ./migrations
COPY --from=builder /app/var/guide.db ./var/guide.db
# Everything under /app is owned by root and read-only; the server only reads.
RUN chmod -R a-w /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/server.js"]
