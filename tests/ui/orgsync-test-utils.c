/* orgsync-test-utils.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "orgsync-test-utils.h"

static char *isolated_root;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

static void
remove_isolated_root (void)
{
  if (isolated_root != NULL)
    remove_tree (isolated_root);
  g_clear_pointer (&isolated_root, g_free);
}

/* Private XDG folders for this test program, removed at exit: the application opens
 * its data folder (orgsync.db) on startup, and tests must not see each other's, or
 * the person's. Call before anything asks GLib for a user folder. GLib's own
 * G_TEST_OPTION_ISOLATE_DIRS leaks under valgrind on 2.74, hence this. */
void
orgsync_test_isolate_dirs (void)
{
  const char *kinds[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  isolated_root = g_dir_make_tmp ("orgsync-test-XXXXXX", NULL);
  g_assert_nonnull (isolated_root);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *dir = g_build_filename (isolated_root, kinds[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (kinds[i], dir, TRUE);
    }

  atexit (remove_isolated_root);
}

/* The @skip + 1-th widget of @type under @root, breadth first. */
GtkWidget *
orgsync_test_find_widget (GtkWidget *root,
                          GType      type,
                          guint      skip)
{
  GQueue queue = G_QUEUE_INIT;
  guint seen = 0;

  g_queue_push_tail (&queue, root);
  while (!g_queue_is_empty (&queue))
    {
      GtkWidget *current = g_queue_pop_head (&queue);

      if (G_TYPE_CHECK_INSTANCE_TYPE (current, type) && seen++ == skip)
        {
          g_queue_clear (&queue);
          return current;
        }

      for (GtkWidget *child = gtk_widget_get_first_child (current);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }

  return NULL;
}

/* With ORGSYNC_SCREENSHOT_DIR set, saves what @widget shows as NAME.png there, after
 * letting pending frames happen. Used by the screenshot script; a no-op otherwise. */
void
orgsync_test_save_screenshot (GtkWidget  *widget,
                              const char *name)
{
  const char *dir = g_getenv ("ORGSYNC_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;
  int width;
  int height;

  if (dir == NULL)
    return;

  /* Let transitions (revealers, stacks) finish. */
  for (guint i = 0; i < 30; i++)
    {
      gtk_test_widget_wait_for_draw (widget);
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
