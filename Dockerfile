# Crypto-DT-Source for HuggingFace Spaces (sdk: docker, app_port: 7860) or any Docker host.

# --- build: all dependencies (native addons fall back to compiling here), compile, drop dev deps ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# onnxruntime-node's post-install downloads CUDA libraries; the CPU runtime ships in the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies and compiled output only, as uid 1000 ---
FROM node:24-bookworm-slim
# glibc gives each thread (libuv pool, inference worker, ONNX Runtime) its own malloc arena and
# never hands their free pages back: RSS stayed ~180 MB above idle after a fuzz run without this
# (docs/reliability.md).
ENV MALLOC_ARENA_MAX=2 \
    NODE_ENV=production \
    PORT=7860 \
    HOST=0.0.0.0 \
    TRUST_PROXY=1 \
    HF_ALLOW_REMOTE_MODELS=true \
    MODELS_DIR=/app/hub-models \
    SENTIMENT_MODEL=Xenova/distilbert-base-uncased-finetuned-sst-2-english \
    ZERO_SHOT_MODEL=Xenova/nli-deberta-v3-xsmall
WORKDIR /app
COPY --from=build --chown=1000:1000 /app/node_modules ./node_modules
COPY --from=build --chown=1000:1000 /app/dist ./dist
COPY --chown=1000:1000 package.json package-lock.json ./
COPY --chown=1000:1000 config ./config
COPY --chown=1000:1000 models ./models
COPY --chown=1000:1000 web ./web
# DATA_DIR is /data when HF persistent storage is mounted and writable, else /app/data.
# Hub models live in the image (MODELS_DIR), not under /data, which a volume would hide.
RUN mkdir -p /app/data /app/hub-models && chown 1000:1000 /app/data /app/hub-models
USER 1000
# The image starts with the hub models when the builder reaches the hub; without it the service
# falls back to the bundled models and says so in /api/models and /api/health. Fetching needs no
# secrets, so it runs with development defaults.
RUN NODE_ENV=development node dist/cli/models-fetch.js --best-effort
EXPOSE 7860
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 7860) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
