# Bina ASN companion (Tutor plugin "bina"): wait for its PostgreSQL, migrate, check the deployment settings.
companion wait_for_database --timeout 120
companion migrate --noinput
companion check --deploy --fail-level ERROR
# The LMS the worker syncs (its secret stays in the environment, OPENEDX_CLIENT_SECRET).
companion lms-connection "Open edX" --url "$OPENEDX_LMS_URL" --client-id "$OPENEDX_CLIENT_ID"
