#!/usr/bin/env bash
# Everything depends toward server/core: core and the sync protocol library include no transport or
# storage header (DESIGN.md, Architecture); only server/storage and the tests include SOCI.
set -euo pipefail
cd "$(dirname "$0")/../.."
status=0
if hits=$(grep -rnE '#include *[<"](boost/beast|boost/asio|soci/)' server/core sync 2>/dev/null); then
  echo "check-layering: server/core or sync includes Beast, Asio or SOCI:" >&2
  echo "$hits" >&2
  status=1
fi
if hits=$(grep -rnE '#include *[<"]soci/' server/http server/app 2>/dev/null); then
  echo "check-layering: only server/storage may include SOCI:" >&2
  echo "$hits" >&2
  status=1
fi
if hits=$(grep -rlE '#include *[<"]boost/beast' server/http | grep -v -e 'server/http/server.cpp' -e 'server/http/asio_impl.cpp' -e 'server/http/webhook_client.cpp'); then
  echo "check-layering: Beast belongs in server/http/server.cpp and webhook_client.cpp only (routes stay Beast-free):" >&2
  echo "$hits" >&2
  status=1
fi
[ $status -eq 0 ] && echo "check-layering: ok"
exit $status
