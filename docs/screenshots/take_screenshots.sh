#!/bin/bash
# The README's screenshots, taken from the real app under Xvfb on the embedded mini model.
# On a 1920×1080 screen: the examples loaded and a cross-dataset ProText run (studio.png), an
# evaluation of 480 held-out renders with its paired comparisons (evaluate.png), the images
# behind one count (drill-down.png), the reliability diagrams (calibration.png), the learned
# prompts read by meaning (prompts.png), the embedding map with one class picked out
# (map.png), and the app in Chinese (zh_CN.png). On a 1366×768 laptop screen, where the window places itself:
# the same run (laptop.png) and the app in Chinese (laptop-zh_CN.png).
#
#   docs/screenshots/take_screenshots.sh BUILD_DIR
# Needs Xvfb, xdotool and ImageMagick. Buttons and tabs are clicked at fixed positions of a
# 1920×1050 window and of the 1366×768 one; after a layout change, look at the PNGs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="$(cd "${1:?usage: take_screenshots.sh BUILD_DIR}" && pwd)"
work="$(mktemp -d)"
export DISPLAY=:87
Xvfb "$DISPLAY" -screen 0 1920x1080x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; pkill -f "$build/app/protext-studio" 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
size="1920 1050"  # the window's, set by start_app; empty: where the app places itself

"$build/app/protext" mini-world render --seed 4242 --count 480 --out "$work/heldout" >/dev/null 2>&1

window=""
start_app() {  # LANG, then paths to open
  rm -rf "$work/config" "$work/data" "$work/cache"
  LANG="$1" LANGUAGE="${1%%.*}" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    XDG_CACHE_HOME="$work/cache" "$build/app/protext-studio" "${@:2}" >"$work/studio.log" 2>&1 &
  sleep 15
  window=$(xdotool search --onlyvisible --name "ProText Studio" | head -1)
  if [ -n "$size" ]; then
    xdotool windowmove "$window" 0 0 windowsize "$window" $size
    sleep 2
  fi
}
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
shot() { import -window "$window" "$here/$1.png"; echo "$here/$1.png"; }

start_app en_US.UTF-8 "$repo/resources/examples"
click 848 36 30          # Start training (toolbar); a cross-dataset run takes ~20 s
click 727 152 2          # the fourth example
shot studio
click 1510 1013 2        # the Evaluate tab
click 1635 90 && xdotool type "$work/heldout" && xdotool key Return
click 1447 120 25        # Evaluate
xdotool mousemove 1398 600 mousedown 1 sleep 0.3 mousemove 1300 600 sleep 0.3 mousemove 560 600 sleep 0.3 mouseup 1
sleep 2
click 1015 326 2         # the Paired page
shot evaluate
click 1721 385 4         # Only B of the second pair: its images in the grid
shot drill-down
click 1244 326 2         # the Calibration page (the dock is narrower once the grid holds the drill-down)
shot calibration
click 1156 1013 2        # the Prompts tab
shot prompts
click 1218 1013 4        # the Map tab: the classes, descriptions and images in two dimensions
click 51 494 2           # a class in the list (toma): its points stand out
shot map
pkill -f "$build/app/protext-studio"; sleep 2

start_app zh_CN.UTF-8 "$repo/resources/examples"
click 51 641 2           # a class, to show its descriptions
shot zh_CN
pkill -f "$build/app/protext-studio"; sleep 2

# A laptop screen: the window opens at the screen's size, nothing resized by hand.
kill $xvfb; sleep 1
export DISPLAY=:88
Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
size=""
start_app en_US.UTF-8 "$repo/resources/examples"
click 848 36 30          # Start training
click 727 152 2          # the fourth example
shot laptop
pkill -f "$build/app/protext-studio"; sleep 2
start_app zh_CN.UTF-8 "$repo/resources/examples"
click 790 40 30          # 开始训练 (wider than "Start training")
click 727 152 2
shot laptop-zh_CN
