# envdiff in a container: `podman build -t envdiff .` (or docker build), then
#   podman run --rm -v "$PWD:/work" envdiff compare dev.json qa.json
#   podman run --rm -v "$PWD:/work" -v ~/.ssh:/root/.ssh:ro envdiff capture --target ssh:qa-gpu-01 -o qa.json
# A capture with the default target (local) fingerprints this container itself: capture the machine
# or image you mean with --target. NODE_IMAGE picks the Node.js base (Node ≥ 20, Debian-based).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY schemas ./schemas
COPY src ./src
COPY bin ./bin
COPY probes ./probes
# npm ci installs the locked dependencies and builds dist/ (the prepare script); then the
# build-only dependencies go (npm prune leaves their empty scope folders behind: those go too).
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund \
 && find node_modules -mindepth 1 -maxdepth 1 -type d -empty -delete

FROM ${NODE_IMAGE}
# ssh targets need an OpenSSH client; everything else envdiff runs is in the base image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssh-client \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/package.json /opt/envdiff/package.json
COPY --from=build /src/node_modules /opt/envdiff/node_modules
COPY --from=build /src/dist /opt/envdiff/dist
COPY --from=build /src/bin /opt/envdiff/bin
COPY --from=build /src/probes /opt/envdiff/probes
COPY --from=build /src/schemas /opt/envdiff/schemas
COPY LICENSE /opt/envdiff/LICENSE
RUN ln -s /opt/envdiff/bin/envdiff.js /usr/local/bin/envdiff && envdiff --version
LABEL org.opencontainers.image.title="envdiff" \
      org.opencontainers.image.description="Capture, compare and reproduce ML environments" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /work
ENTRYPOINT ["envdiff"]
CMD ["--help"]
