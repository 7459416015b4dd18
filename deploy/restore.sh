#!/usr/bin/env bash
# Restore an archive made by deploy/backup.sh: the database and the uploaded files. Replaces both.
#
#   deploy/restore.sh ARCHIVE.tar [--yes]
#
# Stop the ASGI processes and workers first (systemctl stop jdp.target). Reads DATABASE_URL and VAR_DIR from
# the environment, like the platform. Checksums are verified before anything is touched. Without --yes it
# asks for confirmation (and refuses when nobody can answer). The current media folder is kept beside the
# restored one as media.before-restore-<UTC time> until you delete it.
set -euo pipefail
umask 077

archive=${1:?usage: deploy/restore.sh ARCHIVE.tar [--yes]}
confirmed=${2:-}
: "${DATABASE_URL:?DATABASE_URL must point to the PostgreSQL database (postgres://...)}"
: "${VAR_DIR:?VAR_DIR must be set (media is \$VAR_DIR/media)}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$archive" database.dump media.tar.gz MANIFEST SHA256SUMS
(cd "$work" && sha256sum --check --quiet SHA256SUMS) || {
    echo "restore.sh: checksum mismatch, the archive is damaged; nothing was changed." >&2
    exit 1
}
cat "$work/MANIFEST"

if [ "$confirmed" != "--yes" ]; then
    if [ ! -t 0 ]; then
        echo "restore.sh: this replaces the database and the media; pass --yes to confirm." >&2
        exit 2
    fi
    read -r -p "Replace the database and $VAR_DIR/media with this backup? Type yes: " answer
    [ "$answer" = "yes" ] || { echo "Nothing was changed."; exit 1; }
fi

# One transaction: the database is either fully restored or left as it was.
pg_restore --clean --if-exists --no-owner --no-acl --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$work/database.dump"

# Unpacked beside the live folder (same file system), then swapped in with two renames.
mkdir -p "$VAR_DIR"
stage=$(mktemp -d "$VAR_DIR/.restore.XXXXXX")
trap 'rm -rf "$work" "$stage"' EXIT
tar -C "$stage" -xzf "$work/media.tar.gz"
if [ -d "$VAR_DIR/media" ]; then
    mv "$VAR_DIR/media" "$VAR_DIR/media.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
fi
mv "$stage/media" "$VAR_DIR/media"
echo "Restored the database and $VAR_DIR/media from $archive."
