# Omkijken: a slim, non-root image with gunicorn. Static files are collected at build time.
#   docker build -t omkijken .
#   docker compose up        (PostgreSQL, a one-shot migrate, web, worker; see docs/deploy.md)

# --- front-end assets from the npm registry (htmx, Pico CSS); no CDN at run time ---------------
FROM node:22-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- Python dependencies into a virtual environment -------------------------------------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements/base.txt /tmp/base.txt
RUN /venv/bin/pip install --require-hashes -r /tmp/base.txt
WORKDIR /app
COPY pyproject.toml README.md manage.py ./
COPY omkijken ./omkijken
RUN /venv/bin/pip install --no-deps .

# --- the image that runs ------------------------------------------------------------------------
FROM python:3.11-slim
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=omkijken.settings \
    DEBUG=false \
    STATIC_ROOT=/app/static_root \
    LOG_FORMAT=json
# WeasyPrint (the PDF stack, omkijken/web/pdf.py) lays text out with Pango.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 omkijken \
 && useradd --system --uid 10001 --gid omkijken --home-dir /app --shell /usr/sbin/nologin omkijken
WORKDIR /app
COPY --from=build /venv /venv
COPY manage.py ./
COPY deploy/gunicorn.conf.py ./deploy/gunicorn.conf.py
COPY omkijken ./omkijken
COPY --from=assets /src/node_modules/htmx.org/dist ./node_modules/htmx.org/dist
COPY --from=assets /src/node_modules/@picocss/pico/css ./node_modules/@picocss/pico/css
COPY --from=assets /src/node_modules/dejavu-fonts-ttf/ttf ./node_modules/dejavu-fonts-ttf/ttf
# collectstatic needs settings, not secrets: a throwaway key and no database are enough.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput -v0 \
 && rm -f /tmp/build.sqlite3 \
 && chown -R omkijken:omkijken /app
USER omkijken
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "omkijken.wsgi:application"]
