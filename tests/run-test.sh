#!/bin/bash
# Runs one test program in the environment its suite needs.
#
#   run-test.sh plain   PROGRAM [ARGS...]   as it is
#   run-test.sh display PROGRAM [ARGS...]   on a private Xvfb server and session bus
#   run-test.sh a11y    PROGRAM [ARGS...]   like display, plus the AT-SPI bus, with
#                                           GTK's accessibility bridge switched on
#   run-test.sh display-keyring PROGRAM...  display and a real keyring together (the
#                                           daemon starts before DISPLAY is set)
#   run-test.sh a11y-keyring PROGRAM...     display-keyring plus the AT-SPI bus
#   run-test.sh keyring PROGRAM [ARGS...]   with a real, unlocked gnome-keyring-daemon
#                                           on a private session bus, and no display
#
# ORGSYNC_TEST_WRAPPER (set by the valgrind test setup) is put in front of PROGRAM,
# so that the tool checks the test and not this script or the servers it starts.
set -eu

mode=$1
shift

wrapper=()
if [ -n "${ORGSYNC_TEST_WRAPPER:-}" ]; then
  read -r -a wrapper <<< "$ORGSYNC_TEST_WRAPPER"
fi

# gnome-keyring-daemon --unlock answers before it owns its bus name and creates the
# login keyring a moment later. Asking the name too early would have D-Bus start a
# second daemon, which reads the half-written keyring file and then asks for a new
# keyring through a prompt that has no display to go to; a secret stored before the
# keyring exists does the same. So wait (30 s at most) for the owner first, without
# touching the name, and then for the default collection.
wait_for_login_keyring() {
  local i
  for i in $(seq 300); do
    if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true &&
       gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
         --method org.freedesktop.Secret.Service.ReadAlias default 2>/dev/null | grep -q collection/; then
      return 0
    fi
    sleep 0.1
  done
}
export -f wait_for_login_keyring

case "$mode" in
  plain)
    exec "${wrapper[@]}" "$@"
    ;;

  display|a11y)
    # Xvfb picks a free display itself and reports it: no race between tests that
    # run in parallel, unlike xvfb-run -a.
    fifo_dir=$(mktemp -d)
    mkfifo "$fifo_dir/displayfd"
    Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset \
      3>"$fifo_dir/displayfd" 2>"$fifo_dir/xvfb.log" &
    xvfb_pid=$!
    read -r display < "$fifo_dir/displayfd"
    trap 'kill $xvfb_pid 2>/dev/null; wait $xvfb_pid 2>/dev/null; rm -rf "$fifo_dir"' EXIT
    export DISPLAY=":$display"
    unset WAYLAND_DISPLAY
    if [ "$mode" = a11y ]; then
      unset GTK_A11Y NO_AT_BRIDGE
      dbus-run-session -- bash -c '
        /usr/libexec/at-spi-bus-launcher --launch-immediately &
        launcher=$!
        "$@"
        status=$?
        kill $launcher 2>/dev/null
        exit $status' a11y "${wrapper[@]}" "$@"
    else
      dbus-run-session -- "${wrapper[@]}" "$@"
    fi
    ;;

  display-keyring|a11y-keyring)
    fifo_dir=$(mktemp -d)
    mkfifo "$fifo_dir/displayfd"
    Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset \
      3>"$fifo_dir/displayfd" 2>"$fifo_dir/xvfb.log" &
    xvfb_pid=$!
    read -r display < "$fifo_dir/displayfd"
    keyring_home=$(mktemp -d)
    trap 'kill $xvfb_pid 2>/dev/null; wait $xvfb_pid 2>/dev/null; rm -rf "$fifo_dir" "$keyring_home"' EXIT
    unset DISPLAY WAYLAND_DISPLAY XDG_RUNTIME_DIR
    export HOME="$keyring_home"
    export ORGSYNC_TEST_DISPLAY=":$display"
    export ORGSYNC_TEST_A11Y=$([ "$mode" = a11y-keyring ] && echo 1 || echo 0)
    [ "$mode" = a11y-keyring ] && unset GTK_A11Y NO_AT_BRIDGE
    dbus-run-session -- bash -c '
      eval "$(printf %s ci-keyring | env -u G_DEBUG -u MALLOC_CHECK_ -u MALLOC_PERTURB_ \
                gnome-keyring-daemon --unlock --components=secrets)"
      export GNOME_KEYRING_CONTROL
      wait_for_login_keyring
      export DISPLAY="$ORGSYNC_TEST_DISPLAY"
      if [ "$ORGSYNC_TEST_A11Y" = 1 ]; then
        /usr/libexec/at-spi-bus-launcher --launch-immediately &
        launcher=$!
        "$@"
        status=$?
        kill $launcher 2>/dev/null
        exit $status
      fi
      exec "$@"' keyring "${wrapper[@]}" "$@"
    ;;

  keyring)
    # The daemon must never see a display: it would put up a prompt and hang.
    unset DISPLAY WAYLAND_DISPLAY XDG_RUNTIME_DIR
    keyring_home=$(mktemp -d)
    trap 'rm -rf "$keyring_home"' EXIT
    export HOME="$keyring_home"
    export ORGSYNC_KEYRING_HOME="$keyring_home"
    dbus-run-session -- bash -c '
      # The test environment makes GLib warnings fatal; the daemon is not under test.
      eval "$(printf %s ci-keyring | env -u G_DEBUG -u MALLOC_CHECK_ -u MALLOC_PERTURB_ \
                gnome-keyring-daemon --unlock --components=secrets)"
      export GNOME_KEYRING_CONTROL
      wait_for_login_keyring
      exec "$@"' keyring "${wrapper[@]}" "$@"
    ;;

  *)
    echo "run-test.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac
