/* test-settings.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "orgsync-application.h"
#include "orgsync-autostart.h"
#include "orgsync-window.h"
#include "orgsync-test-utils.h"

/* One registered application per test process, as in the real program. */
static OrgsyncApplication *app;

static void
register_application (void)
{
  g_autoptr(GError) error = NULL;

  app = orgsync_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
}

static void
test_settings_window_size_restored (void)
{
  GSettings *settings = orgsync_application_get_settings (app);
  OrgsyncWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);

  window = orgsync_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Closing saves what the person left the window at. */
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 640);
  gtk_window_close (GTK_WINDOW (window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
test_settings_schema_ranges (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) too_small = g_variant_new_int32 (10);

  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "window-width");

  /* A window smaller than the narrowest layout must never be restored. */
  g_assert_false (g_settings_schema_key_range_check (key, too_small));
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_false (g_settings_get_boolean (settings, "sync-on-metered"));
}

static void
autostart_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (orgsync_autostart_set_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
set_autostart (gboolean enabled)
{
  gboolean done = FALSE;

  orgsync_autostart_set_async (enabled, NULL, autostart_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Outside Flatpak, "Start at Login" is an XDG autostart entry that starts the app
 * without a window; turning it off removes the entry. */
static void
test_settings_start_at_login (void)
{
  g_autofree char *path = orgsync_autostart_dup_path ();
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));

  set_autostart (TRUE);
  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (keyfile, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
  g_assert_cmpstr (exec, ==, "orgsync --background");

  set_autostart (FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  set_autostart (FALSE);  /* nothing to remove is fine */
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  register_application ();

  g_test_add_func ("/settings/window-size-restored", test_settings_window_size_restored);
  g_test_add_func ("/settings/schema-ranges", test_settings_schema_ranges);
  g_test_add_func ("/settings/start-at-login", test_settings_start_at_login);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
