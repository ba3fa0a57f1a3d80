# kennisbank as a small image: one static binary (musl), nothing else. The default theme is
# compiled into the binary. Build: docker build -t kennisbank .
# Use:   docker run --rm -v "$PWD":/site kennisbank build --root /site --output /site/public
FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin kennisbank \
 && strip target/release/kennisbank

FROM alpine:3
# git: "Bijgewerkt" dates come from the site's git history when there is one.
RUN apk add --no-cache git && git config --system --add safe.directory '*'
COPY --from=build /src/target/release/kennisbank /usr/local/bin/kennisbank
WORKDIR /site
ENTRYPOINT ["kennisbank"]
CMD ["build", "--root", "/site", "--output", "/site/public"]
