# build-aux/setup.sh — shared by build-aux/run and build-aux/test (sourced)
#
# Installs the Debian/Ubuntu packages that are missing (as root, or with
# sudo), configures meson once and builds.  Fast when nothing changed:
# one dpkg query, then ninja's own "no work to do".
#
# STACKBOARD_BUILDDIR      build folder (default: build/ in the clone)
# STACKBOARD_MESON_OPTIONS more `meson setup` options, e.g. -Dtest_tools=enabled
# STACKBOARD_EXTRA_PACKAGES more packages to install
# STACKBOARD_SETUP_NO_INSTALL=1  install nothing when sourced (the caller
#                          calls install_packages with its own list)

# elfutils: flatpak-builder strips with eu-strip, which Debian lists only
# as a Recommends, so --no-install-recommends below would leave it out.
STACKBOARD_PACKAGES=(
  gcc pkg-config meson ninja-build gettext python3
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libcairo2-dev libpango1.0-dev
  libglib2.0-bin libglib2.0-dev-bin
  desktop-file-utils appstream flatpak-builder elfutils
  xvfb xauth openbox xdotool dbus x11-utils
  fonts-cantarell fonts-dejavu-core
  haproxy nginx-light keepalived psmisc openssl
  poppler-utils
)

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${STACKBOARD_BUILDDIR:-$top/build}

missing_packages () {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$' \
      || printf '%s\n' "$pkg"
  done
}

install_packages () {
  local missing sudo=()
  mapfile -t missing < <(missing_packages "$@")
  ((${#missing[@]})) || return 0
  if ((EUID != 0)); then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "Missing packages: ${missing[*]}" >&2
      echo "Install them as root: apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "Installing: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build () {
  if [[ ! -f $builddir/build.ninja ]]; then
    # shellcheck disable=SC2086  # several options in one variable
    meson setup "$builddir" "$top" "$@" ${STACKBOARD_MESON_OPTIONS:-}
  fi
  meson compile -C "$builddir"
}

if command -v dpkg-query >/dev/null && [[ -z ${STACKBOARD_SETUP_NO_INSTALL:-} ]]; then
  install_packages "${STACKBOARD_PACKAGES[@]}" ${STACKBOARD_EXTRA_PACKAGES:-}
fi
