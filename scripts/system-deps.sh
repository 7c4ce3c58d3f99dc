#!/usr/bin/env bash
# Installs what the build and tests need from the OS when it is missing: the few libraries the
# bundled ffmpeg links against, Node.js for the tus-js-client test, the speech recognisers' programs,
# Tesseract for slide text, and with --browser Chromium for the browser tests. Uses apt-get when
# run as root on Debian/Ubuntu; otherwise says what to install.
set -u
packages=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpulse.so.0' || packages+=(libpulse0)
have_lib 'libasound.so.2' || packages+=(libasound2)
have_lib 'libxcb.so.1' || packages+=(libxcb1)
have_lib 'libxcb-shm.so.0' || packages+=(libxcb-shm0)
have_lib 'libudev.so.1' || packages+=(libudev1)
# Node.js and npm run the official tus-js-client in the upload tests.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
required=${#packages[@]}
# Speech recognition (automatic captions): CMU PocketSphinx with its US-English model, the LM
# converter the per-lecture adaptation needs, espeak-ng for new words' pronunciations (and the
# tests' speech), libgomp for whisper.cpp. Optional: without them captions are off, nothing fails.
command -v pocketsphinx_continuous >/dev/null 2>&1 || packages+=(pocketsphinx)
[ -f /usr/share/pocketsphinx/model/en-us/en-us.lm.bin ] || packages+=(pocketsphinx-en-us)
command -v sphinx_lm_convert >/dev/null 2>&1 || packages+=(sphinxbase-utils)
command -v espeak-ng >/dev/null 2>&1 || packages+=(espeak-ng)
have_lib 'libgomp.so.1' || packages+=(libgomp1)
# Slide text (automatic chapters' titles, search in slides): Tesseract 5 with its English model.
# Optional too: without it slides are still found, and their chapters are titled "Slide N".
command -v tesseract >/dev/null 2>&1 || packages+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || packages+=(tesseract-ocr-eng)
# The test decks and the benchmark's screencast draw their slides' text in DejaVu.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
fi
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${packages[*]}" >&2
  # Package names differ between releases (libasound2 vs libasound2t64): try each on its own.
  apt-get update -qq >/dev/null
  for p in "${packages[@]}"; do
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null 2>&1 \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${p}t64" >/dev/null 2>&1 \
      || echo "could not install $p" >&2
  done
else
  echo "Please install these system packages first: ${packages[*]}" >&2
  # Without Chromium the browser tests skip themselves, without PocketSphinx the speech tests,
  # without Tesseract the slide-text tests; only the ffmpeg libraries are required.
  [ "$required" -eq 0 ] && exit 0
  exit 1
fi
