#!/bin/sh
# Back up the Bina ASN companion: the PostgreSQL database (pg_dump, custom format) and the uploads.
# Reads DATABASE_URL, COMPANION_MEDIA_ROOT, COMPANION_PRIVATE_MEDIA_ROOT, BACKUP_DIR and BACKUP_KEEP_DAYS from the environment
# (the systemd unit loads /etc/bina-companion/companion.env). Files are private to the owner (umask 077).
set -eu
umask 077
: "${DATABASE_URL:?DATABASE_URL is not set}"
backup_dir=${BACKUP_DIR:-/var/backups/bina-companion}
keep_days=${BACKUP_KEEP_DAYS:-30}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$backup_dir"

# The database: one consistent snapshot, restorable with pg_restore (see the operator guide).
pg_dump --format=custom --no-owner --no-privileges --file="$backup_dir/companion-$stamp.dump.partial" "$DATABASE_URL"
mv "$backup_dir/companion-$stamp.dump.partial" "$backup_dir/companion-$stamp.dump"

# Uploaded files (imports kept for audit), when there are any.
if [ -n "${COMPANION_MEDIA_ROOT:-}" ] && [ -d "$COMPANION_MEDIA_ROOT" ]; then
    tar -C "$COMPANION_MEDIA_ROOT" -czf "$backup_dir/media-$stamp.tar.gz.partial" .
    mv "$backup_dir/media-$stamp.tar.gz.partial" "$backup_dir/media-$stamp.tar.gz"
fi

# Certificates of learning outside the LMS (private: never served by the web server).
if [ -n "${COMPANION_PRIVATE_MEDIA_ROOT:-}" ] && [ -d "$COMPANION_PRIVATE_MEDIA_ROOT" ]; then
    tar -C "$COMPANION_PRIVATE_MEDIA_ROOT" -czf "$backup_dir/private-$stamp.tar.gz.partial" .
    mv "$backup_dir/private-$stamp.tar.gz.partial" "$backup_dir/private-$stamp.tar.gz"
fi

# Keep BACKUP_KEEP_DAYS days of backups.
find "$backup_dir" -maxdepth 1 -type f \( -name 'companion-*.dump' -o -name 'media-*.tar.gz' -o -name 'private-*.tar.gz' \) \
    -mtime +"$keep_days" -delete
echo "backup written: $backup_dir/companion-$stamp.dump"
