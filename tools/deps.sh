#!/bin/sh
# deps.sh — check that every Debian package sswr needs (build, main job, tests,
# benchmark) is installed; install the missing ones when run as root, otherwise
# print the exact command. Kept in one list so the README, CI and a fresh
# machine agree on what "installed" means.
set -eu
PKGS="build-essential pkg-config
libhpdf-dev libcsv-dev liblua5.4-dev lua5.4 libcairo2-dev libfribidi-dev libharfbuzz-dev libdeflate-dev libcmark-dev
fontconfig libfontconfig-dev libfreetype-dev zlib1g-dev
python3 python3-fonttools fonts-noto-core fonts-wqy-microhei fonts-noto-cjk
poppler-utils qpdf python3-pikepdf python3-pil gettext valgrind strace hyperfine clang libclang-rt-14-dev
nodejs libjs-pdf"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "sswr: missing Debian packages:$missing" >&2
    echo "install them with:  sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "sswr: installing missing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists: update once, then install.
apt-get install -y -q $missing >/dev/null 2>&1 || {
    apt-get update -q >/dev/null
    apt-get install -y -q $missing
}
