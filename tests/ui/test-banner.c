/* test-banner.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "orgsync-banner.h"
#include "orgsync-test-utils.h"

static void
clicked_cb (OrgsyncBanner *banner,
            int           *count)
{
  (*count)++;
}

static GtkButton *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return GTK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *button = find_button (child);

      if (button != NULL)
        return button;
    }

  return NULL;
}

static void
test_banner_properties (void)
{
  GtkWidget *window = gtk_window_new ();
  OrgsyncBanner *banner = ORGSYNC_BANNER (orgsync_banner_new ());
  GtkButton *button;
  int clicks = 0;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (banner));
  g_signal_connect (banner, "button-clicked", G_CALLBACK (clicked_cb), &clicks);

  g_assert_false (orgsync_banner_get_revealed (banner));
  g_assert_null (orgsync_banner_get_button_label (banner));

  orgsync_banner_set_title (banner, "Syncing stopped at 80% of the daily API limit");
  orgsync_banner_set_button_label (banner, "_Change Limit");
  orgsync_banner_set_revealed (banner, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  g_assert_cmpstr (orgsync_banner_get_title (banner), ==, "Syncing stopped at 80% of the daily API limit");
  g_assert_cmpstr (orgsync_banner_get_button_label (banner), ==, "_Change Limit");
  g_assert_true (orgsync_banner_get_revealed (banner));

  button = find_button (GTK_WIDGET (banner));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (clicks, ==, 1);

  /* Without a label the button goes away. */
  orgsync_banner_set_button_label (banner, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_null (orgsync_banner_get_button_label (banner));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           int        *count)
{
  (*count)++;
}

static void
test_banner_notify_only_on_change (void)
{
  g_autoptr(OrgsyncBanner) banner = g_object_ref_sink (ORGSYNC_BANNER (orgsync_banner_new ()));
  int notified = 0;

  g_signal_connect (banner, "notify::revealed", G_CALLBACK (notify_cb), &notified);
  orgsync_banner_set_revealed (banner, TRUE);
  orgsync_banner_set_revealed (banner, TRUE);
  orgsync_banner_set_revealed (banner, FALSE);
  g_assert_cmpint (notified, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  orgsync_test_isolate_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/banner/properties", test_banner_properties);
  g_test_add_func ("/banner/notify-only-on-change", test_banner_notify_only_on_change);

  return g_test_run ();
}
