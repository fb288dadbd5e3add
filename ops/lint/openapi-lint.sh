#!/usr/bin/env bash
# Validates the API contract against the OpenAPI 3.1 JSON Schema with a validator from the npm registry,
# pinned in ops/lint/openapi/package-lock.json and installed there on first use (node and npm are needed;
# ops/deps installs Debian's when the machine has none).
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=ops/lint/openapi
if [ ! -x "$dir/node_modules/.bin/validate-api" ]; then
  npm ci --prefix "$dir" --silent --no-audit --no-fund
fi
out=$("$dir/node_modules/.bin/validate-api" clients/mobile-api/openapi.yaml)
if ! grep -q '"valid": true' <<<"$out"; then
  echo "openapi-lint: clients/mobile-api/openapi.yaml is not valid OpenAPI 3.1:" >&2
  echo "$out" >&2
  exit 1
fi
echo "openapi-lint: ok"
