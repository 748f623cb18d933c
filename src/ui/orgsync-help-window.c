/* orgsync-help-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-help-window.h"

/* The short user guide behind the app menu's Help. The pages live in the template so
 * that translators see each paragraph on its own; topics are addressed by the names
 * of their stack pages ("connecting", "permissions", "quota", "fields", "data",
 * "client-app"), which error rows use to open the page that explains them. */
struct _OrgsyncHelpWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkWidget      *content_box;
  AdwLeaflet     *leaflet;
  AdwWindowTitle *page_title;
  GtkStack       *pages;
  GtkListBox     *topics_list;
};

G_DEFINE_FINAL_TYPE (OrgsyncHelpWindow, orgsync_help_window, ADW_TYPE_WINDOW)

static GtkListBoxRow *
find_row (OrgsyncHelpWindow *self,
          const char        *topic)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->topics_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), topic) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
select_topic (OrgsyncHelpWindow *self,
              const char        *topic)
{
  GtkStackPage *page;

  gtk_stack_set_visible_child_name (self->pages, topic);
  page = gtk_stack_get_page (self->pages, gtk_stack_get_visible_child (self->pages));
  adw_window_title_set_title (self->page_title, gtk_stack_page_get_title (page));
}

static void
topic_activated_cb (OrgsyncHelpWindow *self,
                    GtkListBoxRow     *row)
{
  select_topic (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (OrgsyncHelpWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
orgsync_help_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ORGSYNC_TYPE_HELP_WINDOW);

  G_OBJECT_CLASS (orgsync_help_window_parent_class)->dispose (object);
}

static void
orgsync_help_window_class_init (OrgsyncHelpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgsync_help_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHelpWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHelpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHelpWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHelpWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncHelpWindow, topics_list);
  gtk_widget_class_bind_template_callback (widget_class, topic_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
orgsync_help_window_init (OrgsyncHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  orgsync_help_window_show_topic (self, "connecting");
}

OrgsyncHelpWindow *
orgsync_help_window_new (void)
{
  return g_object_new (ORGSYNC_TYPE_HELP_WINDOW, NULL);
}

/**
 * orgsync_help_window_show_topic:
 * @topic: the name of a help page, such as "quota"
 *
 * Shows one page of the guide and selects it in the list of topics.
 */
void
orgsync_help_window_show_topic (OrgsyncHelpWindow *self,
                                const char        *topic)
{
  GtkListBoxRow *row;

  g_return_if_fail (ORGSYNC_IS_HELP_WINDOW (self));
  g_return_if_fail (topic != NULL);

  row = find_row (self, topic);
  g_return_if_fail (row != NULL);

  gtk_list_box_select_row (self->topics_list, row);
  select_topic (self, topic);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

const char *
orgsync_help_window_get_topic (OrgsyncHelpWindow *self)
{
  g_return_val_if_fail (ORGSYNC_IS_HELP_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages);
}
