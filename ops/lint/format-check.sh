#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format 14 (pinned) makes of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
fmt=$(command -v clang-format-14 || true)
[ -n "$fmt" ] || { echo "format-check: clang-format-14 is missing (ops/deps installs it)" >&2; exit 1; }
bad=()
while IFS= read -r f; do
  "$fmt" --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.cpp' '*.hpp')
if [ ${#bad[@]} -gt 0 ]; then
  printf 'format-check: not formatted (run clang-format-14 -i on them):\n' >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format-check: ok"
