#!/usr/bin/env bash
# The packaging step of .ci/run: builds the .deb and the tarball, installs the .deb with dpkg into a scratch
# root (the machine's own packages are left alone), runs the installed photo's --version and the README's main
# job in a throwaway data and config directory, checks the man pages and completions are where the shells
# look, and removes the package again. Needs dpkg, dpkg-deb and fakeroot; expects `mvn package` to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/build-packages.sh
deb=$(ls cli/target/packages/photo_*.deb)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# chrootless: the maintainer scripts run here with DPKG_ROOT set, as there is no system inside the scratch root;
# the dependencies (libc and friends) are the machine's, not the scratch root's
dpkg_root=(dpkg --root="$root" --force-script-chrootless --force-depends --force-not-root --log=/dev/null)
"${dpkg_root[@]}" -i "$deb"

photo=$root/opt/photo/bin/photo
[ "$(readlink "$root/usr/bin/photo")" = /opt/photo/bin/photo ]
# the AOT caches were made where the package was built; the JVM must map them here all the same
for probe in --version "list --help" "upload --help"; do
  # shellcheck disable=SC2086 # words on purpose
  PHOTO_JAVA_OPTS=-XX:AOTMode=on "$photo" $probe > /dev/null \
    || { echo "package: the installed photo does not map its AOT cache for 'photo $probe'" >&2; exit 1; }
done
for f in usr/share/man/man1/photo.1.gz usr/share/man/man1/photo-upload.1.gz \
         usr/share/bash-completion/completions/photo usr/share/zsh/vendor-completions/_photo \
         usr/share/fish/vendor_completions.d/photo.fish; do
  [ -s "$root/$f" ] || { echo "package: $f missing from the .deb" >&2; exit 1; }
done

export PHOTO_HOME="$scratch/data" PHOTO_CONFIG_DIR="$scratch/config"
"$photo" --version
"$photo" upload samples --album t
"$photo" list --album t --output json > "$scratch/list.json"
ready=$(grep -o '"status" *: *"READY"' "$scratch/list.json" | wc -l)
total=$(find samples -maxdepth 1 -type f \( -name '*.jpg' -o -name '*.png' \) | wc -l)
echo "package: $ready of $total samples READY through the installed photo"
[ "$ready" -eq "$total" ]

"${dpkg_root[@]}" -r photo
[ ! -e "$root/opt/photo" ] || { echo "package: dpkg -r left files in /opt/photo:" >&2; find "$root/opt/photo" >&2; exit 1; }
ls -l cli/target/packages
