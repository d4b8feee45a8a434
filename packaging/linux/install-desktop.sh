#!/bin/sh
# Register Annotator with the desktop for the current user: menu entry, icon
# in every size, and the project-file MIME type so a double-clicked
# .annotator file opens in Annotator. Needs `annotator-gui` on PATH (pip
# install, or a link to the bundle's executable).
# Usage: packaging/linux/install-desktop.sh [PREFIX]   (default ~/.local/share)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
share=${1:-${XDG_DATA_HOME:-$HOME/.local/share}}

install -Dm644 "$here/annotator.desktop" "$share/applications/annotator.desktop"
install -Dm644 "$here/annotator.metainfo.xml" "$share/metainfo/annotator.metainfo.xml"
install -Dm644 "$here/annotator-mime.xml" "$share/mime/packages/annotator-mime.xml"
for size in 16 32 48 64 128 256 512; do
    install -Dm644 "$root/resources/icons/annotator-$size.png" \
        "$share/icons/hicolor/${size}x${size}/apps/annotator.png"
    install -Dm644 "$root/resources/icons/annotator-$size.png" \
        "$share/icons/hicolor/${size}x${size}/mimetypes/application-x-annotator-project.png"
done
install -Dm644 "$root/resources/icons/annotator.svg" "$share/icons/hicolor/scalable/apps/annotator.svg"

# The caches are optional: without the tools the files still work after the
# next login.
command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -qtf "$share/icons/hicolor" || true
command -v xdg-mime >/dev/null && xdg-mime default annotator.desktop application/x-annotator-project || true
echo "Annotator registered in $share"
