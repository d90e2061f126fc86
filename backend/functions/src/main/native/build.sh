#!/bin/sh
# Builds the native JPEG decoder (photojpeg.c, a JNI shim over libjpeg-turbo's libjpeg API) into
# OUTPUT_DIR/native/<platform>/, beside the libjpeg.so.62 it links to, so both travel in the jar (TurboJpeg.java
# loads them from there). Run by Maven in generate-resources; `mvn` passes the JDK's home for the JNI headers.
#
# Usage: build.sh OUTPUT_DIR JAVA_HOME
# Needs on linux-x86_64: gcc and libjpeg-turbo's headers and library (Debian: apt-get install gcc
# libjpeg62-turbo-dev). Elsewhere nothing is built and the processor uses the JDK's JPEG decoder.
set -eu
out=$1
java_home=$2
here=$(cd "$(dirname "$0")" && pwd)
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 ;;
  *)
    echo "photojpeg: no native JPEG decoder is built for $(uname -s)-$(uname -m); JPEGs use the JDK's decoder" >&2
    exit 0 ;;
esac
dest=$out/native/$platform
sources="$here/photojpeg.c $here/resample.c $here/entropy.c"
fresh=yes
[ -s "$dest/libphotojpeg.so" ] && [ -s "$dest/libjpeg.so.62" ] || fresh=no
for f in $sources "$here/resample.h" "$here/entropy.h" "$here/exports.map" "$here/build.sh"; do
  [ "$fresh" = yes ] && [ "$dest/libphotojpeg.so" -nt "$f" ] || fresh=no
done
[ "$fresh" = yes ] && exit 0
cc=${CC:-gcc}
hint="photojpeg: needs a C compiler and libjpeg-turbo's development files (Debian: apt-get install gcc libjpeg62-turbo-dev)"
command -v "$cc" >/dev/null 2>&1 || { echo "$hint" >&2; exit 1; }
libjpeg=$("$cc" -print-file-name=libjpeg.so.62)
[ -f "$libjpeg" ] || { echo "$hint: libjpeg.so.62 not found" >&2; exit 1; }
mkdir -p "$dest"
# Only the JNI entry points are exported; libjpeg stays a separate library (Debian's libjpeg.a is not built
# position-independent, so it cannot be linked into a shared object), found beside the shim through $ORIGIN.
# -O3 for the resampler's loops (resample.c builds its hot ones for AVX2 and for any x86_64, picked at load time).
# shellcheck disable=SC2086 # $sources is a list of paths without spaces
"$cc" -O3 -fPIC -shared -Wall -Wextra -Werror -I"$java_home/include" -I"$java_home/include/linux" \
  -o "$dest/libphotojpeg.so" $sources -ljpeg -lm \
  -Wl,--version-script="$here/exports.map" -Wl,--no-undefined -Wl,-z,noexecstack -Wl,-z,relro,-z,now \
  -Wl,-rpath,'$ORIGIN' -s \
  || { echo "$hint" >&2; exit 1; }
cp -L "$libjpeg" "$dest/libjpeg.so.62"
chmod 644 "$dest/libjpeg.so.62" "$dest/libphotojpeg.so"
