# fivesoc's image: the package installed into a virtual environment in a build stage, then
# copied alone into a slim image where it runs as an unprivileged user.
#   docker build -t fivesoc .                          (add --build-arg EXTRAS=[otel] for tracing)

FROM python:3.11-slim AS build
ARG EXTRAS=""
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/fivesoc
WORKDIR /src
COPY pyproject.toml README.md ./
COPY fivesoc ./fivesoc
RUN /opt/fivesoc/bin/pip install ".${EXTRAS}"

FROM python:3.11-slim
RUN useradd --system --user-group --uid 10001 --home-dir /var/lib/fivesoc --create-home fivesoc
COPY --from=build /opt/fivesoc /opt/fivesoc
ENV PATH=/opt/fivesoc/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    FIVESOC_HOST=0.0.0.0 \
    FIVESOC_PORT=8000 \
    FIVESOC_DATA_DIR=/var/lib/fivesoc \
    FIVESOC_LOG_FORMAT=json
USER fivesoc
WORKDIR /var/lib/fivesoc
EXPOSE 8000
CMD ["fivesoc", "serve", "--no-seed"]
