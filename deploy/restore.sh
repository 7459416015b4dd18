#!/usr/bin/env bash
# Restore an archive made by deploy/backup.sh: the database, the media and the private documents. Replaces all three.
#
#   deploy/restore.sh ARCHIVE.tar [--yes]
#
# Stop the ASGI processes and workers first (systemctl stop jdp.target). Reads DATABASE_URL and VAR_DIR from
# the environment, like the platform (and PRIVATE_MEDIA_ROOT, default $VAR_DIR/private). Checksums are verified
# before anything is touched. Without --yes it asks for confirmation (and refuses when nobody can answer). Each
# current folder is kept beside the restored one as <folder>.before-restore-<UTC time> until you delete it.
set -euo pipefail
umask 077

archive=${1:?usage: deploy/restore.sh ARCHIVE.tar [--yes]}
confirmed=${2:-}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
: "${DATABASE_URL:?DATABASE_URL must point to the PostgreSQL database (postgres://...)}"
: "${VAR_DIR:?VAR_DIR must be set (media is \$VAR_DIR/media)}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$archive" database.dump media.tar.gz private.tar.gz MANIFEST SHA256SUMS
(cd "$work" && sha256sum --check --quiet SHA256SUMS) || {
    echo "restore.sh: checksum mismatch, the archive is damaged; nothing was changed." >&2
    exit 1
}
cat "$work/MANIFEST"

if [ "$confirmed" != "--yes" ]; then
    if [ ! -t 0 ]; then
        echo "restore.sh: this replaces the database, the media and the private documents; pass --yes to confirm." >&2
        exit 2
    fi
    read -r -p "Replace the database, the media and the private documents with this backup? Type yes: " answer
    [ "$answer" = "yes" ] || { echo "Nothing was changed."; exit 1; }
fi

# One transaction: the database is either fully restored or left as it was.
pg_restore --clean --if-exists --no-owner --no-acl --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$work/database.dump"

# Unpacked beside each live folder (same file system), then swapped in with two renames.
unpack() {  # unpack NAME FOLDER
    local target=$2 stage
    mkdir -p "$(dirname "$target")"
    stage=$(mktemp -d "$(dirname "$target")/.restore.XXXXXX")
    tar -C "$stage" -xzf "$work/$1.tar.gz"
    if [ -d "$target" ]; then
        mv "$target" "$target.before-restore-$stamp"
    fi
    mv "$stage" "$target"
    chmod 700 "$target"
}
unpack media "$VAR_DIR/media"
unpack private "${PRIVATE_MEDIA_ROOT:-$VAR_DIR/private}"
echo "Restored the database, $VAR_DIR/media and ${PRIVATE_MEDIA_ROOT:-$VAR_DIR/private} from $archive."
