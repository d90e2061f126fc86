#!/usr/bin/env bash
# Builds the installable packages from a built checkout (mvn -B -DskipTests package first):
#   cli/target/packages/photo_VERSION-1_ARCH.deb         jpackage's .deb plus /usr/bin/photo, man pages, completions
#   cli/target/packages/photo-VERSION-linux-x64.tar.gz the same self-contained tree, for other Linux systems
# Both carry a jlink runtime of only the modules photo needs, the local stack, and the class list of a training
# run; the class-data archive is dumped from that list where the files finally lie (see docs/install.md).
#
# The JDK whose jlink/jpackage (and so whose runtime) is packed: $PHOTO_PACKAGE_JDK, else $JAVA_HOME, else the
# one `java` on the PATH belongs to. The code itself is compiled for release 17 by Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=$root/cli/target
out=$target/packages
work=$target/package-work

jdk=${PHOTO_PACKAGE_JDK:-${JAVA_HOME:-}}
if [ -z "$jdk" ]; then
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
for tool in jlink jpackage java; do
  [ -x "$jdk/bin/$tool" ] || { echo "build-packages: error: no $tool in $jdk (set PHOTO_PACKAGE_JDK)" >&2; exit 1; }
done
[ -f "$target/photo-cli.jar" ] || { echo "build-packages: error: build first: mvn -B -DskipTests package" >&2; exit 1; }

full_version=$(sed -n 's/^version=//p' "$target/classes/dev/photo/cli/version.properties")
version=${full_version%%-*}            # jpackage takes numbers only: 0.1.0-SNAPSHOT -> 0.1.0
rm -rf "$work" "$out"
mkdir -p "$work/input" "$out"
cp "$target/photo-cli.jar" "$target"/lib/*.jar "$work/input/"

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
    --no-man-pages --compress=2 --generate-cds-archive
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
install -m 0755 packaging/deb/photo-dump-archive "$image/lib/photo-dump-archive"

# Training run: the classes that --version, help, an upload to the local stack and a list load, in the image
# itself. JDK 17 checks an archive's class path literally, so the list is shipped and the archive dumped from it
# by the .deb's postinst (and by photo-dump-archive for the tarball) in the final place.
train=$work/train
mkdir -p "$train"
lists=()
run_training() {
  local name=$1; shift
  PHOTO_HOME=$train/data PHOTO_CONFIG_DIR=$train/config PHOTO_JAVA_OPTS="-XX:DumpLoadedClassList=$train/$name.lst" \
    "$image/bin/photo" "$@" > "$train/$name.out" 2>&1 || {
    echo "build-packages: error: training run 'photo $*' failed (a JDK module missing from the runtime?):" >&2
    cat "$train/$name.out" >&2
    exit 1
  }
  lists+=("$train/$name.lst")
}
run_training version --version
run_training help --help
run_training upload upload samples --album training
run_training list list --output json
# one list, first occurrences in order (the JDK reads it top down)
awk '!seen[$0]++' "${lists[@]}" > "$image/lib/photo.classlist"
"$image/lib/photo-dump-archive" --check

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
install -m 0755 packaging/deb/postinst "$tree/DEBIAN/postinst"
install -m 0755 packaging/deb/prerm "$tree/DEBIAN/prerm"
installed_kib=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
sed -i "s/^Installed-Size:.*/Installed-Size: $installed_kib/" "$tree/DEBIAN/control"
# gzip: seconds; xz (PHOTO_DEB_COMPRESSION=xz) makes a smaller .deb but took over 9 minutes on this 2-CPU machine
fakeroot dpkg-deb --build -Z"${PHOTO_DEB_COMPRESSION:-gzip}" "$tree" "$out/" > /dev/null

tar -C "$work" -czf "$out/photo-$version-linux-x64.tar.gz" --transform "s,^photo,photo-$version," photo
ls -l "$out"
