# Bina ASN companion (Tutor plugin "bina"): wait for its PostgreSQL, migrate, check the deployment settings.
companion wait_for_database --timeout 120
companion migrate --noinput
companion check --deploy --fail-level ERROR
