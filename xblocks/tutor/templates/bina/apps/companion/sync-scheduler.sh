#!/bin/sh
# Bina ASN (Tutor plugin "bina"): run the companion's sync from the LMS every
# {{ BINA_SYNC_INTERVAL_SECONDS }} seconds, first after {{ BINA_SYNC_FIRST_DELAY_SECONDS }} seconds;
# a run is a full one (everything read again) when no full run ended in the last
# {{ BINA_SYNC_FULL_EVERY_DAYS }} days (the companion keeps the date; 0: never).
# Each run prints one JSON object (`companion sync --json`) that `tutor local logs` shows.
set -u
interval={{ BINA_SYNC_INTERVAL_SECONDS|int }}
first_delay={{ BINA_SYNC_FIRST_DELAY_SECONDS|int }}
minimum=60
full_every_days={{ BINA_SYNC_FULL_EVERY_DAYS|int }}

# Stop at once on `docker stop`: sleep in the background so that the trap is not delayed.
sleeper=""
trap 'if [ -n "$sleeper" ]; then kill "$sleeper" 2>/dev/null; fi; exit 0' TERM INT
pause() {
    sleep "$1" &
    sleeper=$!
    wait "$sleeper"
    sleeper=""
}

pause "$first_delay"
while true; do
    started=$(date +%s)
    companion sync --lms-url "$OPENEDX_LMS_URL" --client-id "$OPENEDX_CLIENT_ID" --json --schedule \
        --full-every-days "$full_every_days"
    status=$?
    if [ "$status" -ne 0 ]; then
        printf '{"event": "sync_exit", "status": %d}\n' "$status" >&2
    fi
    remaining=$((interval - ($(date +%s) - started)))
    if [ "$remaining" -lt "$minimum" ]; then
        remaining=$minimum
    fi
    pause "$remaining"
done
