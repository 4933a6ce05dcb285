#!/usr/bin/env bash
# Builds Bridgehead's Linux packages from the launcher's build output: an app image with
# jpackage (the program with its own Java runtime), and a Debian package of that image with
# dpkg-deb. Run packaging/build.sh --help for the options. Windows: packaging/windows/.
set -euo pipefail
umask 022

repo=$(cd "$(dirname "$0")/.." && pwd)
jar="$repo/launcher/target/launcher.jar"
lib="$repo/launcher/target/lib"
properties="$repo/launcher/target/maven-archiver/pom.properties"
main_class=io.bridgehead.launcher.Main
# The package owns this folder only: 'bridgehead install' copies the program from here into
# /opt/bridgehead/versions/<version>, which the installer and the updater manage.
package_dir=/opt/bridgehead/package

usage() {
  cat <<'USAGE'
Usage: packaging/build.sh [--dest DIR] app-image|deb

Builds a package from launcher/target/launcher.jar and launcher/target/lib; build those
first with: ./mvnw -q -B -ntp package -DskipTests -pl launcher -am

  app-image   DIR/bridgehead: bin/bridgehead, the jars in lib/app and a Java runtime in
              lib/runtime (jpackage)
  deb         DIR/bridgehead_<version>_<arch>.deb: the app image under /opt/bridgehead/package
              and the link /usr/bin/bridgehead (jpackage, then dpkg-deb)
  --dest DIR  the folder for the result (default: packaging/target)
  -h, --help  print this help
USAGE
}

usage_error() {
  echo "build.sh: $1" >&2
  echo "Run 'packaging/build.sh --help' for the usage." >&2
  exit 2
}

fail() {
  echo "build.sh: $1" >&2
  exit 1
}

type=
dest="$repo/packaging/target"
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help)
      usage
      exit 0
      ;;
    --dest)
      [ $# -ge 2 ] && [ -n "$2" ] || usage_error "missing folder after --dest"
      dest=$2
      shift 2
      ;;
    --dest=*)
      dest=${1#--dest=}
      [ -n "$dest" ] || usage_error "missing folder after --dest="
      shift
      ;;
    -*)
      usage_error "unknown option '$1'"
      ;;
    *)
      [ -z "$type" ] || usage_error "more than one package type: '$type' and '$1'"
      type=$1
      shift
      ;;
  esac
done

case "$type" in
  app-image|deb) ;;
  "") usage_error "missing package type: give app-image or deb" ;;
  *) usage_error "unknown package type '$type': give app-image or deb" ;;
esac

find_tool() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$1" ]; then
    echo "$JAVA_HOME/bin/$1"
  elif command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  else
    fail "$1 not found: install JDK 17 or newer with jpackage, or set JAVA_HOME to one"
  fi
}

[ -f "$jar" ] && [ -d "$lib" ] && [ -f "$properties" ] || fail "launcher not built:"\
" $jar or $lib is missing; run './mvnw -q -B -ntp package -DskipTests -pl launcher -am'"\
" in $repo first"
version=$(sed -n 's/^version=//p' "$properties")
# jpackage takes one to three numbers; a -SNAPSHOT or other suffix is rejected here.
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || fail "invalid version '$version' in"\
" $properties: jpackage needs one to three numbers, such as 0.1.0; set a release version in"\
" the pom"
jpackage=$(find_tool jpackage)

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bridgehead-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/input"
cp "$jar" "$lib"/*.jar "$work/input/"

# Builds the app image into the folder $1 and checks that its launcher prints the version.
build_app_image() {
  local out=$1
  rm -rf "$out/bridgehead"
  echo "build.sh: building the app image of bridgehead $version in $out"
  # jpackage's default jlink options add --strip-native-commands, which drops
  # lib/runtime/bin/java; 'bridgehead demo' starts its tenant and agent with that java.
  "$jpackage" --type app-image --name bridgehead --app-version "$version" \
    --vendor Bridgehead --description "On-premises agent for cloud tenants" \
    --input "$work/input" --main-jar launcher.jar --main-class "$main_class" \
    --jlink-options "--strip-debug --no-man-pages --no-header-files" \
    --dest "$out"
  local printed
  printed=$("$out/bridgehead/bin/bridgehead" --version)
  [ "$printed" = "bridgehead $version" ] || fail "the app image's launcher printed"\
" '$printed', expected 'bridgehead $version'"
}

# Prints the Debian packages that provide the system libraries the image links to, as a
# Depends list. Libraries inside the image, and those no package provides, are left out.
library_packages() {
  find "$1" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -print0 \
    | xargs -0 ldd 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' \
    | sort -u \
    | while read -r library; do
        dpkg -S "$library" 2>/dev/null || dpkg -S "$(readlink -f "$library")" 2>/dev/null \
          || true
      done \
    | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g'
}

build_deb() {
  for tool in dpkg-deb dpkg ldd; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool not found: the deb is built on Debian"\
" or Ubuntu; install dpkg (and libc-bin for ldd)"
  done
  build_app_image "$work"
  local root="$work/deb-root"
  mkdir -p "$root/DEBIAN" "$root$(dirname "$package_dir")" "$root/usr/bin" \
    "$root/usr/share/doc/bridgehead"
  cp -a "$work/bridgehead" "$root$package_dir"
  ln -s "$package_dir/bin/bridgehead" "$root/usr/bin/bridgehead"
  cp "$repo/packaging/linux/copyright" "$root/usr/share/doc/bridgehead/copyright"

  local arch depends size
  arch=$(dpkg --print-architecture)
  depends=$(library_packages "$root$package_dir")
  size=$(du -sk "$root" | cut -f1)
  sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@DEPENDS@|$depends|" \
    -e "s|@SIZE@|$size|" "$repo/packaging/linux/control" > "$root/DEBIAN/control"
  install -m 0755 "$repo/packaging/linux/postinst" "$root/DEBIAN/postinst"
  install -m 0755 "$repo/packaging/linux/prerm" "$root/DEBIAN/prerm"

  local deb="$dest/bridgehead_${version}_${arch}.deb"
  rm -f "$deb"
  echo "build.sh: building $deb"
  # gzip rather than dpkg's default xz, for speed: on a 2-core machine the xz package of
  # version 0.1.0 (built by jpackage --type deb) was 61 MB after about 2.5 min, this one
  # 79 MB after 20 s to 1 min.
  dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb"
}

case "$type" in
  app-image)
    build_app_image "$dest"
    echo "build.sh: built $dest/bridgehead"
    ;;
  deb)
    build_deb
    echo "build.sh: built $dest/bridgehead_${version}_$(dpkg --print-architecture).deb"
    ;;
esac
