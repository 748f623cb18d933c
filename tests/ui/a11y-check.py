#!/usr/bin/python3
# Walks the accessibility tree of the running Org Sync, as a screen reader would see
# it, and fails on any interactive element without a name and on any password field
# that exposes its text.
#
#   a11y-check.py [--action NAME]... -- PROGRAM [ARGS...]
#
# Each --action is an application action activated over D-Bus (org.gtk.Actions) after
# the main window appeared; the windows it opens are checked too. Runs inside the
# "a11y" mode of run-test.sh, which provides the session bus and the AT-SPI bus.
#
# With --sim and --cli, a connection to a simulated org is made and synced with
# orgsync-cli before the app starts (mode "a11y-keyring": the tokens need a keyring),
# and each --window-action ACTION is a window action on that connection, such as
# win.connection-settings, activated through app.window-action.
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import sys
import time

import pyatspi
from gi.repository import Gio, GLib

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_LINK, pyatspi.ROLE_SWITCH if hasattr(pyatspi, 'ROLE_SWITCH') else -1,
}


UNNAMED = re.compile(r"^(Gtk|Adw|Orgsync)[A-Z][A-Za-z]+$")
MNEMONIC = re.compile(r"(^|\s)_[^\s_]")


def find_app(name, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    return None


def describe(acc):
    path = []
    node = acc
    while node is not None and node.getRole() != pyatspi.ROLE_APPLICATION:
        path.append(f"{node.getRoleName()}:{node.name!r}")
        node = node.parent
    return " / ".join(reversed(path))


def walk(acc, problems, seen):
    try:
        state = acc.getState()
    except Exception:
        return
    key = hash(acc)
    if key in seen:
        return
    seen.add(key)
    # GTK 4.8 does not report SHOWING below the window; VISIBLE is what it keeps.
    if not state.contains(pyatspi.STATE_VISIBLE):
        return
    # Pages that are not shown (inactive stack pages, a hidden search bar) are still
    # "visible" in GTK 4.8; they have never been allocated, so they have no size.
    try:
        extents = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if extents.width <= 0 or extents.height <= 0:
            return
    except NotImplementedError:
        pass
    role = acc.getRole()
    name = (acc.name or "").strip()
    # libadwaita 1.2's toasts have an unnamed close button; not ours to fix.
    if name == "AdwToastWidget":
        return
    if role in INTERACTIVE:
        # Without a name GTK 4.8 falls back to a type name such as "GtkImage".
        if not name or UNNAMED.match(name):
            problems.append(f"unnamed {acc.getRoleName()}: {describe(acc)}")
        elif MNEMONIC.search(name):
            problems.append(f"mnemonic underscore in the name: {describe(acc)}")
    for child in acc:
        if child is not None:
            walk(child, problems, seen)


def activate_action(app_id, action, parameter=None):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    path = "/" + app_id.replace(".", "/")
    parameters = [parameter] if parameter is not None else []
    bus.call_sync(app_id, path, "org.gtk.Actions", "Activate",
                  GLib.Variant("(sava{sv})", (action, parameters, {})),
                  None, Gio.DBusCallFlags.NONE, 5000, None)


def make_connection(sim, cli, env):
    """Starts the simulator and connects, selects and syncs a connection with the
    CLI; returns the simulator process and the connection's id."""
    server = subprocess.Popen([sim, "--port", "0", "--records",
                               "Account=300,Contact=300,Lead=300,Opportunity=300"],
                              stdout=subprocess.PIPE, text=True, env=env)
    url = server.stdout.readline().strip()
    steps = [
        (["connect", "A11y", "--login-url", url, "--username", "demo@orgsync.test",
          "--password-stdin"], "demo1234DEMOTOKEN\n"),
        (["select", "A11y", "--preset", "minimal"], None),
        (["sync", "A11y"], None),
    ]
    for arguments, stdin in steps:
        subprocess.run([cli] + arguments, input=stdin, text=True, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    listing = subprocess.run([cli, "list", "--json"], text=True, env=env, check=True,
                             capture_output=True).stdout
    return server, json.loads(listing)[0]["id"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--action", action="append", default=[])
    parser.add_argument("--window-action", action="append", default=[])
    parser.add_argument("--sim")
    parser.add_argument("--cli")
    parser.add_argument("--app-name", default="orgsync")
    parser.add_argument("--app-id", default="io.github.orgsync.OrgSync")
    # libadwaita's own About window is not ours to fix; its inner pages carry unnamed
    # back buttons in 1.2. It is still opened, so that a crash there would show.
    parser.add_argument("--skip-window", action="append", default=["About"])
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    # The app opens its data folder on startup: give it private XDG folders.
    env = dict(os.environ)
    home = tempfile.mkdtemp(prefix="orgsync-a11y-")
    for kind in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[kind] = os.path.join(home, kind)
        os.makedirs(env[kind])
    server = None
    connection = None
    if args.sim and args.cli:
        server, connection = make_connection(args.sim, args.cli, env)
    proc = subprocess.Popen(args.command, env=env)
    try:
        app = find_app(args.app_name)
        if app is None:
            print("the application never appeared on the accessibility bus")
            return 1
        time.sleep(1.0)
        for action in args.action:
            activate_action(args.app_id, action)
            time.sleep(3.0)
        for action in args.window_action:
            activate_action(args.app_id, "window-action", GLib.Variant("(ss)", (action, connection)))
            time.sleep(3.0)
        expected = 1 + len(args.action) + len(args.window_action)
        # Some windows open after a round trip to the org (Customize Fields).
        deadline = time.monotonic() + 30
        while sum(1 for w in app if w is not None) < expected and time.monotonic() < deadline:
            time.sleep(0.5)
        problems = []
        windows = 0
        for window in app:
            if window is None:
                continue
            windows += 1
            if window.name in args.skip_window:
                print(f"# skipping window {window.name!r}")
                continue
            print(f"# checking window {window.name!r}")
            walk(window, problems, set())
        if windows < expected:
            problems.append(f"expected at least {expected} windows, found {windows}")
        for problem in problems:
            print(problem)
        print(f"# {len(problems)} problem(s)")
        return 1 if problems else 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
