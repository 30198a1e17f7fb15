# The platform's image: built in one stage, run from compiled JavaScript in the next, with only
# the production dependencies, as a non-root user. docker-compose.yml runs two of it behind Caddy.
# Node 24 (LTS); the code also runs on Node 20.19+, which CI checks.
FROM node:24-bookworm-slim AS base
# package.json's devEngines want npm >= 11.10 (its allowScripts gate install scripts).
RUN npm install --global npm@11.19.1 --no-audit --no-fund
WORKDIR /app

# Build: every dependency, then `npm run build` (server bundle into server/dist, client into
# client/dist).
FROM base AS build
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies and the compiled output only; no TypeScript, no tsx at run
# time. The bundle finds migrations/ by walking up from server/dist, and the client in client/dist.
FROM base AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY migrations migrations
# The results letter's embedded typeface; found by walking up from server/dist.
COPY server/assets server/assets
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/client/dist client/dist
# DATA_DIR: the audit signing key when none is given (and PGlite, without DATABASE_URL).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Ready means the database answers and every migration is applied; the load balancer checks the
# same path.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop, a rolling deploy) flushes the group commit and closes sockets with 1012.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "server/dist/server.js"]
