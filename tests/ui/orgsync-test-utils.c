/* orgsync-test-utils.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-test-utils.h"

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
