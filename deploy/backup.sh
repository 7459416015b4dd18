#!/usr/bin/env bash
# Back up the platform: the PostgreSQL database and the uploaded files, in one archive.
#
#   deploy/backup.sh [DEST_DIR]
#
# Reads from the environment (/etc/jdp/env): DATABASE_URL (postgres://...), VAR_DIR (media is $VAR_DIR/media),
# PRIVATE_MEDIA_ROOT (the defense groups' documents, default $VAR_DIR/private), BACKUP_DIR (default destination, /srv/jdp/backups), BACKUP_KEEP_DAYS (older archives are deleted, default 14;
# 0 keeps everything). Writes DEST_DIR/jdp-<UTC time>.tar holding:
#   database.dump    pg_dump custom format (restore with deploy/restore.sh, or pg_restore)
#   media.tar.gz     the contents of $VAR_DIR/media
#   private.tar.gz   the contents of $PRIVATE_MEDIA_ROOT (uploaded group documents: as confidential as the database)
#   MANIFEST         when, from where, with which tool versions
#   SHA256SUMS       checksums of the four files above, verified before any restore
# The archive appears under its final name only once complete. Copy it off the host (see RUNBOOK.md).
set -euo pipefail
umask 077

: "${DATABASE_URL:?DATABASE_URL must point to the PostgreSQL database (postgres://...)}"
: "${VAR_DIR:?VAR_DIR must be set (media is \$VAR_DIR/media)}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL; only PostgreSQL is backed up this way." >&2; exit 2 ;;
esac

dest=${1:-${BACKUP_DIR:-/srv/jdp/backups}}
keep_days=${BACKUP_KEEP_DAYS:-14}
private_root=${PRIVATE_MEDIA_ROOT:-$VAR_DIR/private}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
work=$(mktemp -d "$dest/.jdp-$stamp.XXXXXX")
trap 'rm -rf "$work"' EXIT

pg_dump --format=custom --no-owner --no-acl --file="$work/database.dump" --dbname="$DATABASE_URL"

pack() {  # pack NAME FOLDER: the folder's contents (an absent folder packs as empty) into NAME.tar.gz
    local folder=$2
    if [ ! -d "$folder" ]; then
        folder="$work/empty"
        mkdir -p "$folder"
    fi
    tar -C "$folder" -czf "$work/$1.tar.gz" .
}
pack media "$VAR_DIR/media"
pack private "$private_root"
rm -rf "$work/empty"

{
    echo "created_utc=$stamp"
    echo "host=$(hostname)"
    echo "pg_dump=$(pg_dump --version)"
    echo "app_commit=$(git -C "$(dirname "$0")/.." rev-parse HEAD 2>/dev/null || echo unknown)"
} >"$work/MANIFEST"
(cd "$work" && sha256sum database.dump media.tar.gz private.tar.gz MANIFEST >SHA256SUMS)

tar -C "$work" -cf "$work/archive.tar" database.dump media.tar.gz private.tar.gz MANIFEST SHA256SUMS
mv "$work/archive.tar" "$dest/jdp-$stamp.tar"
echo "$dest/jdp-$stamp.tar"

if [ "$keep_days" -gt 0 ]; then
    find "$dest" -maxdepth 1 -name 'jdp-*.tar' -type f -mtime "+$keep_days" -print -delete
fi
