#!/usr/bin/python3
# A stand-in for the desktop's notification server on the test's session bus: it
# answers org.freedesktop.Notifications and writes one line per notification
# ("summary<TAB>body") to the file named on the command line, so that tests can
# check what a person would have been told, and how often.
import sys

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/> <arg type="u" direction="in"/>
      <arg type="s" direction="in"/> <arg type="s" direction="in"/>
      <arg type="s" direction="in"/> <arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/> <arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/> <arg type="s" direction="out"/>
      <arg type="s" direction="out"/> <arg type="s" direction="out"/>
    </method>
  </interface>
</node>
"""

log_path = sys.argv[1]
counter = [0]


def on_call(connection, sender, path, interface, method, parameters, invocation):
    if method == "Notify":
        summary, body = parameters[3], parameters[4]
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(f"{summary}\t{body}\n")
        counter[0] += 1
        invocation.return_value(GLib.Variant("(u)", (counter[0],)))
    elif method == "GetCapabilities":
        invocation.return_value(GLib.Variant("(as)", (["body", "actions"],)))
    elif method == "GetServerInformation":
        invocation.return_value(GLib.Variant("(ssss)", ("fake", "orgsync-tests", "1", "1.2")))
    else:
        invocation.return_value(None)


def on_bus(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML)
    connection.register_object("/org/freedesktop/Notifications", info.interfaces[0], on_call, None, None)


def on_name(connection, name):
    print("ready", flush=True)


Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.Notifications",
                 Gio.BusNameOwnerFlags.NONE, on_bus, on_name, lambda *a: sys.exit(1))
GLib.MainLoop().run()
