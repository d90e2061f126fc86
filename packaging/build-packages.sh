#!/usr/bin/env bash
# Builds the installable packages from a built checkout (mvn -B -DskipTests package first):
#   cli/target/packages/photo_VERSION-1_ARCH.deb         jpackage's .deb plus /usr/bin/photo, man pages, completions
#   cli/target/packages/photo-VERSION-linux-x64.tar.gz the same self-contained tree, for other Linux systems
# Both carry a jlink runtime of only the modules photo needs, the local stack, and two AOT caches made here by
# training runs of the image itself (JDK 25 accepts a cache whose files moved together, so nothing is left for
# the installation to do; see docs/install.md).
#
# The JDK whose jlink/jpackage (and so whose runtime) is packed must be 25 or later (the AOT cache): the first of
# $PHOTO_PACKAGE_JDK, $JAVA_HOME, the one `java` on the PATH belongs to, and the JDKs in /usr/lib/jvm. The code
# itself is compiled for release 17 by Maven and runs on 17 as well.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=$root/cli/target
out=$target/packages
work=$target/package-work

feature() {  # the feature release of a JDK: 17, 25
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
path_jdk=
if command -v java > /dev/null; then path_jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); fi
jdk=
for candidate in "${PHOTO_PACKAGE_JDK:-}" "${JAVA_HOME:-}" "$path_jdk" /usr/lib/jvm/*; do
  [ -n "$candidate" ] && [ -x "$candidate/bin/jpackage" ] || continue
  if [ "$(feature "$candidate")" -ge 25 ] 2>/dev/null; then jdk=$candidate; break; fi
  if [ -n "${PHOTO_PACKAGE_JDK:-}" ] && [ "$candidate" = "$PHOTO_PACKAGE_JDK" ]; then
    echo "build-packages: error: PHOTO_PACKAGE_JDK is JDK $(feature "$candidate"); the AOT cache needs 25 or later" >&2
    exit 1
  fi
done
[ -n "$jdk" ] || { echo "build-packages: error: no JDK 25 or later with jlink and jpackage found (set PHOTO_PACKAGE_JDK)" >&2; exit 1; }
for tool in jlink jpackage java; do
  [ -x "$jdk/bin/$tool" ] || { echo "build-packages: error: no $tool in $jdk (set PHOTO_PACKAGE_JDK)" >&2; exit 1; }
done
[ -f "$target/photo-cli.jar" ] || { echo "build-packages: error: build first: mvn -B -DskipTests package" >&2; exit 1; }

full_version=$(sed -n 's/^version=//p' "$target/classes/dev/photo/cli/version.properties")
version=${full_version%%-*}            # jpackage takes numbers only: 0.1.0-SNAPSHOT -> 0.1.0
rm -rf "$work" "$out"
mkdir -p "$work/input" "$out"
cp "$target/photo-cli.jar" "$target"/lib/*.jar "$work/input/"
# picocli's classes are Java 5 class files, which the AOT cache leaves out: the package carries them as Java 8 ones
picocli=$(cd "$work/input" && ls picocli-[0-9]*.jar)
"$jdk/bin/java" "$root/packaging/src/RaiseClassVersion.java" "$target/lib/$picocli" "$work/input/$picocli"

# The JDK modules the jars use (jdeps over every jar, summed up once; see docs/benchmarks.md for what they
# weigh). java.desktop is ImageIO for the local stack's thumbnails; jdk.crypto.ec for TLS to AWS; jdk.httpserver for the local stack's API;
# jdk.unsupported for the libraries that use sun.misc.Unsafe; jdk.zipfs and jdk.localedata are not needed.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.unsupported,jdk.management
# kept between builds of the same JDK and modules: jlink is the slowest step
runtime=$target/package-runtime
stamp="$("$jdk/bin/java" -version 2>&1 | head -1) $modules"
if [ ! -f "$runtime.stamp" ] || [ "$(cat "$runtime.stamp")" != "$stamp" ]; then
  echo "build-packages: jlink runtime from $jdk"
  rm -rf "$runtime" "$runtime.stamp"
  "$jdk/bin/jlink" --add-modules "$modules" --output "$runtime" --strip-debug --no-header-files \
    --no-man-pages --compress=zip-6 --generate-cds-archive
  # the JDK's archive for heaps over 32 GiB (uncompressed oops): photo runs with -Xmx256m, never maps it
  rm -f "$runtime/lib/server/classes_nocoops.jsa"
  echo "$stamp" > "$runtime.stamp"
fi

# the app image: runtime in lib/runtime, jars in lib/app, then our launcher, man pages and completions added
"$jdk/bin/jpackage" --type app-image --name photo --app-version "$version" --dest "$work" \
  --input "$work/input" --main-jar photo-cli.jar --main-class dev.photo.cli.Main --runtime-image "$runtime"
image=$work/photo
install -m 0755 packaging/bin/photo "$image/bin/photo"
mkdir -p "$image/share/man/man1" "$image/share/completions"
"$image/lib/runtime/bin/java" -cp "$image/lib/app/*" dev.photo.cli.completion.GeneratedFiles "$work/generated"
for page in "$work/generated/packaging/man"/*.1; do gzip -9n < "$page" > "$image/share/man/man1/$(basename "$page").gz"; done
cp "$work/generated/completions/"{photo.bash,_photo,photo.fish} "$image/share/completions/"
# sqlite-jdbc copies its native library out of its jar into the temporary directory at every start of a command
# that opens the upload state, and compares the copy byte by byte (0.1-0.2 s of CPU per upload): the package
# carries it unpacked, and the launcher points the driver at it (docs/benchmarks.md)
case "$(uname -m)" in x86_64|amd64) sqlite_arch=x86_64 ;; aarch64|arm64) sqlite_arch=aarch64 ;; *) sqlite_arch= ;; esac
sqlite_jar=$(cd "$image/lib/app" && ls sqlite-jdbc-*.jar)
if [ -n "$sqlite_arch" ]; then
  rm -rf "$work/sqlite-native" && mkdir -p "$work/sqlite-native" "$image/lib/native"
  (cd "$work/sqlite-native" && "$jdk/bin/jar" xf "$image/lib/app/$sqlite_jar" "org/sqlite/native/Linux/$sqlite_arch/libsqlitejdbc.so")
  install -m 0644 "$work/sqlite-native/org/sqlite/native/Linux/$sqlite_arch/libsqlitejdbc.so" "$image/lib/native/libsqlitejdbc.so"
fi
# the class path, one jar a line; the launcher reads it (see bin/photo). photo's own jar and picocli first, then the
# other libraries every command runs on (photo's modules, Jackson, SLF4J and logback), then the rest: a resource the
# JVM looks up is found in the first jar, not the 150th, and HotSpot notes that it has defined an AOT-cached class's
# package only for the first 64 entries of the class path; for a jar further down it defines it again for each class
# at every start (docs/benchmarks.md)
core='^(photo-|jackson-(annotations|core|databind|datatype-jsr310)-|slf4j-api-|logback-(classic|core)-)'
{ echo photo-cli.jar; echo "$picocli"
  (cd "$image/lib/app" && ls -- *.jar | grep -vxF -e photo-cli.jar -e "$picocli" | grep -E "$core")
  (cd "$image/lib/app" && ls -- *.jar | grep -vxF -e photo-cli.jar -e "$picocli" | grep -vE "$core"); } \
  > "$image/lib/photo.classpath"

# Training runs, in the image itself, each recording one AOT cache: photo-version.aot from `photo --version`
# (answered before the command model is built, so it needs few classes), photo-short.aot from a remote-style
# `photo list --output json` against a served local stack (what the commands that only talk to the API load),
# photo.aot from an upload to the local stack in-process (the stack's classes too). The launcher picks one by
# command. JDK 25 records one run per cache; the launcher's options for that command are the training's too.
train=$work/train
mkdir -p "$train"
# shellcheck source=bench/lib/local-serve.sh
. "$root/bench/lib/local-serve.sh"
trap serve_stop EXIT
serve_isolate "$train"
run_training() {
  local cache=$1; shift
  PHOTO_JAVA_OPTS="-XX:AOTCacheOutput=$image/lib/$cache -Xlog:aot*=warning:file=$train/$cache.log" \
    "$image/bin/photo" "$@" > "$train/$cache.out" 2>&1 || {
    echo "build-packages: error: training run 'photo $*' failed (a JDK module missing from the runtime?):" >&2
    cat "$train/$cache.out" >&2
    exit 1
  }
  [ -s "$image/lib/$cache" ] || { echo "build-packages: error: 'photo $*' wrote no AOT cache; see $train/$cache.log" >&2; exit 1; }
}
run_training photo-version.aot --version
serve_start "$image/bin/photo" "${PHOTO_TRAINING_PORT:-9540}"
serve_profile "$image/bin/photo" training
"$image/bin/photo" upload "$root/samples" --album training --profile training --wait > "$train/seed.out" 2>&1
run_training photo-short.aot --profile training list --output json
serve_stop
run_training photo.aot upload "$root/samples" --album training --profile local
# the caches must map where they lie now, and (the point of it) after the image has moved
for probe in --version "list --help" "upload --help"; do
  # shellcheck disable=SC2086 # words on purpose
  PHOTO_JAVA_OPTS="-XX:AOTMode=on" "$image/bin/photo" $probe > /dev/null \
    || { echo "build-packages: error: the JVM does not map the AOT cache for 'photo $probe'" >&2; exit 1; }
done
rm -rf "$train/server" "$train/config" "$train/state" "$train/xdg-"*

# the .deb: jpackage's package of the image, with what Debian tools expect outside /opt added to it
# jpackage's .deb is unpacked again below: it need not be compressed (xz took minutes here)
DPKG_DEB_COMPRESSOR_TYPE=none "$jdk/bin/jpackage" --type deb --app-image "$image" --name photo --app-version "$version" --dest "$work/deb" \
  --description "Upload photo folders straight to object storage and get them back as albums." \
  --vendor "photo project" --linux-package-name photo --linux-app-category utils \
  --linux-deb-maintainer "photo project <photo@localhost>" --install-dir /opt
deb=$(ls "$work/deb"/*.deb)
tree=$work/deb-tree
rm -rf "$tree"
dpkg-deb -R "$deb" "$tree"
mkdir -p "$tree/usr/bin" "$tree/usr/share/man/man1" "$tree/usr/share/bash-completion/completions" \
  "$tree/usr/share/zsh/vendor-completions" "$tree/usr/share/fish/vendor_completions.d"
ln -s /opt/photo/bin/photo "$tree/usr/bin/photo"
cp "$image/share/man/man1/"*.gz "$tree/usr/share/man/man1/"
cp "$image/share/completions/photo.bash" "$tree/usr/share/bash-completion/completions/photo"
cp "$image/share/completions/_photo" "$tree/usr/share/zsh/vendor-completions/_photo"
cp "$image/share/completions/photo.fish" "$tree/usr/share/fish/vendor_completions.d/photo.fish"
installed_kib=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
sed -i "s/^Installed-Size:.*/Installed-Size: $installed_kib/" "$tree/DEBIAN/control"
# gzip: seconds; xz (PHOTO_DEB_COMPRESSION=xz) makes a smaller .deb but took over 9 minutes on this 2-CPU machine
fakeroot dpkg-deb --build -Z"${PHOTO_DEB_COMPRESSION:-gzip}" "$tree" "$out/" > /dev/null

tar -C "$work" -czf "$out/photo-$version-linux-x64.tar.gz" --transform "s,^photo,photo-$version," photo
ls -l "$out"
