#!/usr/bin/env bash
# Vendor the dashboard's third-party browser files from the npm registry into src/eventwire/web/vendor/.
# Run at build time (needs network); the package then serves them offline (no CDN, no tile server).
# Pinned versions; licences are recorded in src/eventwire/web/vendor/LICENSES.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/eventwire/web/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

PACKAGES=(leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2 swagger-ui-dist@5.35.0)

cd "$WORK"
for spec in "${PACKAGES[@]}"; do
  tgz="$(npm pack --silent "$spec" | tail -1)"
  name="${spec%@*}"
  mkdir -p "$name"
  tar xzf "$tgz" -C "$name"
done

mkdir -p "$DEST/leaflet/images" "$DEST/markercluster" "$DEST/topojson" "$DEST/world" "$DEST/swagger-ui"
cp leaflet/package/dist/leaflet.js leaflet/package/dist/leaflet.css "$DEST/leaflet/"
cp leaflet/package/dist/images/*.png "$DEST/leaflet/images/"
cp leaflet/package/LICENSE "$DEST/leaflet/LICENSE"
cp leaflet.markercluster/package/dist/leaflet.markercluster.js \
   leaflet.markercluster/package/dist/MarkerCluster.css \
   leaflet.markercluster/package/dist/MarkerCluster.Default.css "$DEST/markercluster/"
cp leaflet.markercluster/package/MIT-LICENCE.txt "$DEST/markercluster/LICENSE"
cp topojson-client/package/dist/topojson-client.min.js "$DEST/topojson/"
cp topojson-client/package/LICENSE "$DEST/topojson/LICENSE"
# 1:110m Natural Earth admin-0 boundaries (public domain), TopoJSON by world-atlas (ISC): ~105 KB.
cp world-atlas/package/countries-110m.json "$DEST/world/"
cp world-atlas/package/LICENSE "$DEST/world/LICENSE"
cp swagger-ui-dist/package/swagger-ui-bundle.js swagger-ui-dist/package/swagger-ui.css "$DEST/swagger-ui/"
cp swagger-ui-dist/package/LICENSE "$DEST/swagger-ui/LICENSE"
cp swagger-ui-dist/package/NOTICE "$DEST/swagger-ui/NOTICE"
echo "vendored into $DEST"
