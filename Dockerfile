# Build: docker build -t portal .   (docker-compose.yml does this for you)
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked && cp target/release/portal /portal

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data --create-home portal
COPY --from=build /portal /usr/local/bin/portal
USER portal
ENV PORTAL_DATA_DIR=/data PORTAL_BIND=0.0.0.0:8080
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["portal"]
CMD ["serve"]
