#!/usr/bin/env bash
# Writes core/src/test/resources/store/schema-v<N>.db with the StateStore of the commit that released schema
# version N, so MigrationsTest opens files written by the real old code. Run from the repository root after
# `./mvnw -q -pl core dependency:build-classpath -Dmdep.outputFile=/tmp/core.cp`; needs git, javac and java.
# A released fixture never changes: run this only to add the fixture of a new schema version.
set -euo pipefail
out=core/src/test/resources/store
here=core/src/test/schema-fixtures
cp=$(cat /tmp/core.cp)
# schema version -> the commit whose Migrations last changed that step
for pair in 1:9061338 2:298bd78 3:423b5c0 4:12e5b33 5:d7dc8f2 6:7bfc602; do
  version=${pair%%:*}; commit=${pair#*:}
  work=$(mktemp -d)
  git archive "$commit" core/src/main/java | tar -x -C "$work"
  mkdir -p "$work/classes"
  javac -nowarn -Xlint:none --release 17 -cp "$cp" -d "$work/classes" \
    $(find "$work/core/src/main/java" -name '*.java') "$here/FixtureV$version.java"
  rm -f "$out/schema-v$version.db"
  java -cp "$work/classes:$cp" org.invitebot.core.store.FixtureV$version "$out/schema-v$version.db"
  # one small self-contained file: the WAL folded in, no -wal/-shm beside it, 1 KiB pages
  sqlite3 "$out/schema-v$version.db" 'PRAGMA journal_mode=DELETE; PRAGMA page_size=1024; VACUUM;' >/dev/null
  rm -rf "$work"
  echo "schema-v$version.db from $commit"
done
