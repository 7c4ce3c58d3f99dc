#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: $JAVA_HOME if it qualifies, else the `java` on PATH,
# else the newest JDK under /usr/lib/jvm. Exits 1 with a message when there is none.
set -u

major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
ok() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(major "$1")" -ge 21 ] 2>/dev/null; }

if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
if command -v javac >/dev/null 2>&1; then
  home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  if ok "$home"; then echo "$home"; exit 0; fi
fi
best=""; best_major=0
for home in /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
  [ -d "$home" ] || continue
  if ok "$home"; then
    m=$(major "$home")
    if [ "$m" -gt "$best_major" ]; then best="$home"; best_major=$m; fi
  fi
done
if [ -n "$best" ]; then echo "$best"; exit 0; fi
echo "Lectern needs a JDK 21 or newer: install one or set JAVA_HOME" >&2
exit 1
