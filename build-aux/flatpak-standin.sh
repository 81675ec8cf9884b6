# build-aux/flatpak-standin.sh — a stand-in org.gnome.Platform / org.gnome.Sdk
# made from Debian packages (sourced by build-aux/flatpak).
#
# Flathub builds Stackboard against the GNOME runtime named in the
# manifest.  That runtime comes from Flathub, which a build machine without
# network access cannot reach; Debian's mirrors it can.  So this builds two
# runtimes with the same names and branch from Debian 12's packages: GTK
# 4.8, libadwaita 1.2, GLib 2.74 — the versions the code is written for
# (see HACKING.md).  They prove the manifest, the install layout, the
# sandbox and the translations; they do not prove API compatibility with
# the real GNOME runtime, whose libraries are newer.
#
# The result is an OSTree repository in a cache folder outside the clone,
# keyed by a hash of this file: a second run, or another clone, reuses it.

standin_version=49        # the branch the manifest asks for
standin_suite=bookworm

# What the app needs at run time, plus what GTK loads on its own (pixbuf and
# SVG loaders for icons, GL drivers, fonts, the MIME database, locales).
standin_platform_packages=(
  libgtk-4-1 libadwaita-1-0 libjson-glib-1.0-0 libcairo2 libpango-1.0-0 libpangocairo-1.0-0
  libglib2.0-0 libglib2.0-bin gsettings-desktop-schemas dconf-gsettings-backend
  adwaita-icon-theme hicolor-icon-theme librsvg2-common shared-mime-info
  fontconfig fonts-cantarell fonts-dejavu-core
  libgl1 libegl1 libgles2 libgl1-mesa-dri libegl-mesa0
  locales
)
# The same plus the tool chain and headers the build needs; flatpak-builder
# runs eu-strip (elfutils) and appstream-compose (appstream-util) inside it,
# glib-compile-resources xmllint (libxml2-utils), as in the GNOME SDK.
standin_sdk_packages=(
  "${standin_platform_packages[@]}"
  gcc libc6-dev pkg-config meson ninja-build gettext python3
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libcairo2-dev libpango1.0-dev
  libglib2.0-dev libglib2.0-dev-bin libxml2-utils
  desktop-file-utils appstream appstream-util elfutils
)

standin_mirrors () {
  local mirror=${STACKBOARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
  local security=${STACKBOARD_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
  printf '%s\n' "deb $mirror $standin_suite main" \
    "deb $mirror $standin_suite-updates main" \
    "deb $security $standin_suite-security main"
}

# One Debian tree.  Manual pages, documentation and all translations but
# French are left out (the GNOME runtime keeps translations in extensions
# too); en_US and fr_FR locales are generated for the translations test.
standin_tree () {   # DIR PACKAGE...
  local dir=$1; shift
  local -a mirrors
  mapfile -t mirrors < <(standin_mirrors)
  mmdebstrap --quiet --variant=apt --include="$(IFS=,; echo "$*")" \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/gtk-doc/*' \
    --dpkgopt='path-exclude=/usr/share/help/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/fr/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --customize-hook='printf "en_US.UTF-8 UTF-8\nfr_FR.UTF-8 UTF-8\n" >"$1/etc/locale.gen"' \
    --customize-hook='chroot "$1" locale-gen >/dev/null' \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
    "$standin_suite" "$dir" "${mirrors[@]}"
}

# A tree laid out as a Flatpak runtime: files/ is the tree's /usr (hard
# links, no copy) with its /etc inside, which flatpak mounts on /usr and
# /etc.  Debian's merged /usr needs nothing else.
standin_layout () {   # TREE OUT NAME
  local tree=$1 out=$2 name=$3
  mkdir -p "$out"
  cp -al "$tree/usr" "$out/files"
  cp -a "$tree/etc" "$out/files/etc"
  # No setuid or setgid binaries in a runtime (flatpak refuses them).
  find "$out/files" -type f -perm /6000 -exec chmod ug-s {} +
  echo /app/lib >"$out/files/etc/ld.so.conf.d/app.conf"
  cat >"$out/metadata" <<EOF
[Runtime]
name=$name
runtime=org.gnome.Platform/x86_64/$standin_version
sdk=org.gnome.Sdk/x86_64/$standin_version
EOF
}

standin_key () {
  { cat "${BASH_SOURCE[0]}"; standin_mirrors; } | sha256sum | cut -c1-16
}

# Builds the repository unless the cache has it; prints its path.
standin_repo () {   # CACHE
  local cache=$1 key dir
  key=$(standin_key)
  dir=$cache/runtime-$standin_version-$key
  mkdir -p "$cache"
  (
    # Two builds at once (two clones, two CI jobs) wait for each other.
    flock 9
    if [[ -f $dir/done ]]; then
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "Building the stand-in GNOME $standin_version runtime from Debian $standin_suite in $dir" >&2
    standin_tree "$dir/platform-tree" "${standin_platform_packages[@]}" &
    local platform_pid=$!
    standin_tree "$dir/sdk-tree" "${standin_sdk_packages[@]}"
    wait "$platform_pid"
    standin_layout "$dir/platform-tree" "$dir/platform" "org.gnome.Platform"
    standin_layout "$dir/sdk-tree" "$dir/sdk" "org.gnome.Sdk"
    flatpak build-export --runtime --disable-fsync --arch=x86_64 --files=files \
      "$dir/repo" "$dir/platform" "$standin_version" >&2 &
    local export_pid=$!
    flatpak build-export --runtime --disable-fsync --arch=x86_64 --files=files \
      "$dir/repo.sdk" "$dir/sdk" "$standin_version" >&2
    wait "$export_pid"
    # Two repositories in parallel, then the Sdk's commit pulled into the
    # first: ostree locks a repository per commit.
    ostree --repo="$dir/repo" pull-local "$dir/repo.sdk" "runtime/org.gnome.Sdk/x86_64/$standin_version" >&2
    flatpak build-update-repo "$dir/repo" >&2
    echo "The stand-in runtime took $(du -sh "$dir" | cut -f1) at its largest." >&2
    rm -rf "$dir/platform-tree" "$dir/sdk-tree" "$dir/platform" "$dir/sdk" "$dir/repo.sdk"
    touch "$dir/done"
  ) 9>"$cache/.lock" || return 1
  # Older keys are stale recipes: their space goes back.
  find "$cache" -mindepth 1 -maxdepth 1 -name "runtime-*" ! -name "runtime-$standin_version-$key" \
    -exec rm -rf {} + 2>/dev/null || true
  echo "$dir/repo"
}
