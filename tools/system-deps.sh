#!/usr/bin/env bash
# Install the Debian/Ubuntu packages chairlog needs, if any are missing.
#   bash tools/system-deps.sh gui    Qt runtime libraries for a real window (X11), python3-venv
#   bash tools/system-deps.sh test   + poppler-utils (pdfsig, pdftotext), NSS tools and the
#                                    PostgreSQL server programs, SoftHSM2 (a PKCS#11 token), for
#                                    the tests
# On other systems this does nothing; install the equivalents by hand.
set -euo pipefail
mode="${1:-gui}"
command -v apt-get >/dev/null 2>&1 || exit 0
packages=(libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
          libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libpulse0
          fonts-dejavu-core python3-venv)
if [ "$mode" = test ]; then
    packages+=(poppler-utils libnss3-tools postgresql softhsm2)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"  # dpkg needs ldconfig even with PATH=/usr/bin:/bin
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
