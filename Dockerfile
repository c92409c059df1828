# syntax=docker/dockerfile:1
# Stage 1: build the SPA with node.
FROM node:20-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY openapi.yaml /src/openapi.yaml
COPY frontend/ ./
RUN npm run build

# Stage 2: a slim Python image that migrates, seeds the reference data and serves API + SPA.
FROM python:3.11-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DTI_ENV=production \
    DTI_HOST=0.0.0.0 \
    DTI_PORT=8000 \
    DTI_DATABASE_URL=sqlite+aiosqlite:////data/dti.db \
    DTI_STORAGE_DIR=/data/storage \
    DTI_SPA_DIR=/app/frontend/dist
WORKDIR /app
# pg_dump, pg_restore and psql for `python -m api backup|restore` on PostgreSQL (Debian's 15:
# the server's major version must not be newer).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md alembic.ini ./
COPY api ./api
COPY migrations ./migrations
RUN pip install -e . \
 && useradd --system --create-home --uid 10001 dti \
 && mkdir -p /data/storage && chown -R dti /data
COPY --from=spa /src/frontend/dist ./frontend/dist
USER dti
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
  CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8000/healthz'); sys.exit(0)"
# DTI_SECRET_KEY and DTI_AUDIT_KEY must be provided (the app refuses to start in production
# without them).
CMD ["sh", "-c", "python -m api migrate && python -m api seed && exec python -m api serve"]
