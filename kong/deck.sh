#!/usr/bin/env bash
# Runs decK on kong/kong.yml with whichever decK is installed (used by kong/kong.mk):
#   kong/deck.sh validate | diff | sync
# Current decK (>= 1.28) has `deck file validate` and `deck gateway diff|sync` and fills in the
# file's ${{ env "DECK_…" }} templates itself. Debian's decK 1.4 has `deck validate|diff|sync -s`
# and no templating, so diff/sync get the file rendered by gateway/generator/render-kong-config.ts.
# The public key comes from DECK_IDENTITY_JWT_PUBLIC_KEY, else from `make keys`' key pair.
# Kong's Admin API: DECK_KONG_ADDR, else KONG_ADMIN_URL, else http://localhost:8001.
set -euo pipefail

KONG_YML=kong/kong.yml
RENDERED=.tmp/kong/kong.rendered.yml
PUBLIC_KEY_FILE=.dev-keys/identity-signing.pub.pem
ADDR="${DECK_KONG_ADDR:-${KONG_ADMIN_URL:-http://localhost:8001}}"

command -v deck >/dev/null || { echo "kong: decK is not installed (Debian: apt-get install -y deck; or https://github.com/Kong/deck/releases)" >&2; exit 2; }
version=$(deck version 2>/dev/null | sed -nE 's/.*decK v?([0-9]+)\.([0-9]+)\..*/\1 \2/p')
[ -n "$version" ] || { echo "kong: cannot tell the decK version from \`deck version\`" >&2; exit 2; }
read -r major minor <<<"$version"
modern=no
if [ "$major" -gt 1 ] || [ "$minor" -ge 28 ]; then modern=yes; fi

public_key() {
  if [ -z "${DECK_IDENTITY_JWT_PUBLIC_KEY:-}" ]; then
    [ -f "$PUBLIC_KEY_FILE" ] || { echo "kong: set DECK_IDENTITY_JWT_PUBLIC_KEY or run make keys" >&2; exit 2; }
    DECK_IDENTITY_JWT_PUBLIC_KEY="$(cat "$PUBLIC_KEY_FILE")"
    export DECK_IDENTITY_JWT_PUBLIC_KEY
  fi
}

render() {
  public_key
  mkdir -p "$(dirname "$RENDERED")"
  node_modules/.bin/tsx gateway/generator/render-kong-config.ts --in "$KONG_YML" --out "$RENDERED"
}

case "${1:-}" in
  validate)
    if [ "$modern" = yes ]; then exec deck file validate "$KONG_YML"; fi
    exec deck validate -s "$KONG_YML"
    ;;
  diff | sync)
    if [ "$modern" = yes ]; then
      public_key
      exec deck gateway "$1" "$KONG_YML" --kong-addr "$ADDR"
    fi
    render
    exec deck "$1" -s "$RENDERED" --kong-addr "$ADDR"
    ;;
  *)
    echo "usage: kong/deck.sh validate|diff|sync" >&2
    exit 2
    ;;
esac
