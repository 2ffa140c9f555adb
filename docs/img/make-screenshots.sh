#!/usr/bin/env bash
# Rebuild the screenshots in docs/site.md: the example article's claims, Donald Trump's
# "on day one" promise, a verdict on each of two, a site built as of 2025-03-24, and
# headless Chromium from Debian's packages (apt-get install chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TRACKER_DB="$work/claims.db" TRACKER_USER=desk
tracker import "$here/../examples/bbc-ceasefire-2025-03-16.jsonl" >/dev/null
tracker event add inauguration --alias "taking office" --term 4y >/dev/null
tracker add "the war in Ukraine will end" --speaker "Donald Trump" --by "on day one" \
    --event inauguration --said-on 2024-10-01 --tag ukraine >/dev/null
tracker event set inauguration 2025-01-20 >/dev/null
tracker verify 1 --outcome kept --on 2025-03-18 --note "Trump and Putin spoke on 18 March" \
    --evidence https://www.bbc.com/news/articles/c8rx2v0qk4zo >/dev/null
tracker verify 4 --outcome broken --on 2025-01-21 --note "no ceasefire on 20 January" >/dev/null
tracker site build "$work/site" --title "Ceasefire promises" --as-of 2025-03-24
shoot() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --hide-scrollbars --window-size=1000,"$3" \
        --screenshot="$here/$2" "file://$work/site/$1" 2>/dev/null
}
shoot index.html site-index.png 1500
shoot speakers/steve-witkoff.html site-speaker.png 1350
shoot claims/1.html site-claim.png 900
