#!/usr/bin/env sh
# Regenerates the completion scripts (completions/), man pages (packaging/man/) and the generated command models
# (cli/src/main/java/dev/photo/cli/*/GeneratedModels.java) from the command annotations.
# Run it after adding or changing a command or option; GeneratedFilesTest fails until the results are committed.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl cli -am package
java_cmd=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
"$java_cmd" -cp "cli/target/photo-cli.jar:cli/target/lib/*" dev.photo.cli.completion.GeneratedFiles .
echo "regenerated completions/ and packaging/man/; review with: git status completions packaging/man"
