#!/bin/sh
# Counts the regular files under $FOLDER and their bytes, and returns both as the task's
# structured result. Run it with:
#   bin/bridgehead tenant task run --pool demo examples/tasks/count-files.sh --var FOLDER=/etc
set -eu

if [ ! -d "${FOLDER:-}" ]; then
  echo "FOLDER '${FOLDER:-}' is not a folder on $(hostname)" >&2
  exit 2
fi

# wc prints a "total" line after each batch of more than one file; skip those lines, which
# never name a file because find prints every path with the folder in front.
summary=$(find "$FOLDER" -type f -exec wc -c {} + 2>/dev/null \
  | awk '$2 != "total" { files += 1; bytes += $1 } END { printf "%d %d", files, bytes }')
files=${summary% *}
bytes=${summary#* }

echo "Counted $files files, $bytes bytes under $FOLDER on $(hostname)"
printf '{"files": %d, "bytes": %d}\n' "$files" "$bytes" > "$BRIDGEHEAD_RESULT"
