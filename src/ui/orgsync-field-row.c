/* orgsync-field-row.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "orgsync-field-row.h"
#include "orgsync-field.h"
#include "orgsync-sobject.h"

/* One line of the Customize Fields tree: a table (tri-state check, label, API name,
 * "12 of 87 fields") or one of its fields (check, label, API name, type, and badges
 * for formula, compound part, Bulk-incompatible and locked fields, each with a
 * tooltip that says why). Rows are recycled by the list view: bind() points the
 * bindings at a new item, unbind() lets go of it. The model owns the tri-state logic;
 * the row only mirrors it.
 *
 * Badges, the lock and the count are made the first time a row needs them: most
 * fields have none, and the list view makes up to ~200 rows at once whenever the
 * search changes, so every widget a row does not make saves time per keystroke. */
struct _OrgsyncFieldRow
{
  GtkWidget        parent_instance;

  GtkTreeExpander *expander;
  GtkBox          *box;
  GtkCheckButton  *check;
  GtkInscription  *api_name;
  GtkInscription  *type_name;

  /* Made on demand */
  GtkLabel        *count;
  GtkLabel        *formula_badge;
  GtkLabel        *compound_badge;
  GtkLabel        *bulk_badge;
  GtkImage        *locked_badge;

  GBindingGroup   *bindings;          /* the item, table or field */
  GBindingGroup   *sobject_bindings;  /* the item when it is a table */
  GSignalGroup    *sobject_signals;
};

G_DEFINE_FINAL_TYPE (OrgsyncFieldRow, orgsync_field_row, GTK_TYPE_WIDGET)

static void
show_badge (OrgsyncFieldRow  *self,
            GtkLabel        **badge,
            gboolean          visible,
            const char       *text,
            const char       *tooltip)
{
  if (visible && *badge == NULL)
    {
      *badge = GTK_LABEL (gtk_label_new (text));
      gtk_widget_add_css_class (GTK_WIDGET (*badge), "field-badge");
      gtk_widget_set_valign (GTK_WIDGET (*badge), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (*badge), tooltip);
      gtk_box_insert_child_after (self->box, GTK_WIDGET (*badge), GTK_WIDGET (self->api_name));
    }

  if (*badge != NULL)
    gtk_widget_set_visible (GTK_WIDGET (*badge), visible);
}

static void
show_locked (OrgsyncFieldRow *self,
             gboolean         locked)
{
  if (locked && self->locked_badge == NULL)
    {
      self->locked_badge = GTK_IMAGE (gtk_image_new_from_icon_name ("changes-prevent-symbolic"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->locked_badge),
                                   _("Always synced: Org Sync needs this field to keep the copy current."));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->locked_badge),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Always synced"),
                                      -1);
      gtk_box_insert_child_after (self->box, GTK_WIDGET (self->locked_badge), GTK_WIDGET (self->api_name));
    }

  if (self->locked_badge != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->locked_badge), locked);
}

static void
update_count (OrgsyncFieldRow *self,
              OrgsyncSObject  *sobject)
{
  g_autofree char *text = NULL;
  guint n_fields = orgsync_sobject_get_n_fields (sobject);

  if (self->count == NULL)
    {
      self->count = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->count), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->count), "numeric");
      gtk_box_append (self->box, GTK_WIDGET (self->count));
    }

  /* Translators: selected fields of a table, e.g. "12 of 87 fields" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u field", "%u of %u fields", n_fields),
                          orgsync_sobject_get_n_selected (sobject), n_fields);
  gtk_label_set_label (self->count, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count), TRUE);
}

static void
sobject_selection_changed_cb (OrgsyncFieldRow *self,
                              GParamSpec      *pspec,
                              OrgsyncSObject  *sobject)
{
  update_count (self, sobject);
}

static void
show_sobject (OrgsyncFieldRow *self,
              OrgsyncSObject  *sobject)
{
  gtk_inscription_set_text (self->api_name, orgsync_sobject_get_name (sobject));
  gtk_widget_set_visible (GTK_WIDGET (self->type_name), FALSE);
  show_badge (self, &self->formula_badge, FALSE, NULL, NULL);
  show_badge (self, &self->compound_badge, FALSE, NULL, NULL);
  show_badge (self, &self->bulk_badge, FALSE, NULL, NULL);
  show_locked (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "table-row");
  update_count (self, sobject);
  g_signal_group_set_target (self->sobject_signals, sobject);
}

static void
show_field (OrgsyncFieldRow *self,
            OrgsyncField    *field)
{
  const char *compound = orgsync_field_get_compound_parent (field);
  gboolean locked = orgsync_field_get_locked (field);

  gtk_inscription_set_text (self->api_name, orgsync_field_get_name (field));
  gtk_inscription_set_text (self->type_name, orgsync_field_get_type_name (field));
  gtk_widget_set_visible (GTK_WIDGET (self->type_name), TRUE);
  if (self->count != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->count), FALSE);
  show_badge (self, &self->formula_badge, orgsync_field_get_calculated (field), _("Formula"),
              _("Salesforce computes this field from others. It is synced like any other field."));
  show_badge (self, &self->compound_badge, compound != NULL, _("Part"), NULL);
  show_badge (self, &self->bulk_badge, !orgsync_field_get_bulk_compatible (field), _("No Bulk"),
              _("Bulk API cannot export this field, so its table is synced with regular queries, which cost more API calls for large tables."));
  show_locked (self, locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), !locked);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "table-row");

  if (compound != NULL)
    {
      g_autofree char *tooltip = NULL;

      /* Translators: the argument is a compound field such as BillingAddress */
      tooltip = g_strdup_printf (_("Part of %s. Salesforce delivers addresses and locations in parts; each part is a column of its own."),
                                 compound);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->compound_badge), tooltip);
    }
}

/*
 * GObject overrides
 */

static void
orgsync_field_row_dispose (GObject *object)
{
  OrgsyncFieldRow *self = ORGSYNC_FIELD_ROW (object);

  g_clear_object (&self->bindings);
  g_clear_object (&self->sobject_bindings);
  g_clear_object (&self->sobject_signals);
  g_clear_pointer ((GtkWidget **) &self->expander, gtk_widget_unparent);

  G_OBJECT_CLASS (orgsync_field_row_parent_class)->dispose (object);
}

static void
orgsync_field_row_class_init (OrgsyncFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgsync_field_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fieldrow");
}

static void
orgsync_field_row_init (OrgsyncFieldRow *self)
{
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));

  self->expander = GTK_TREE_EXPANDER (gtk_tree_expander_new ());
  gtk_tree_expander_set_indent_for_icon (self->expander, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->expander), GTK_WIDGET (self));
  gtk_tree_expander_set_child (self->expander, GTK_WIDGET (self->box));

  self->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_box_append (self->box, GTK_WIDGET (self->check));

  self->api_name = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->api_name), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->api_name), "dim-label");
  gtk_widget_set_valign (GTK_WIDGET (self->api_name), GTK_ALIGN_CENTER);
  gtk_box_append (self->box, GTK_WIDGET (self->api_name));

  self->type_name = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_min_chars (self->type_name, 10);
  gtk_inscription_set_nat_chars (self->type_name, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->type_name), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->type_name), "caption");
  gtk_widget_set_valign (GTK_WIDGET (self->type_name), GTK_ALIGN_CENTER);
  gtk_box_append (self->box, GTK_WIDGET (self->type_name));

  /* OrgsyncSObject and OrgsyncField share the property names bound here. */
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "label", self->check, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "selected", self->check, "active",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->sobject_bindings = g_binding_group_new ();
  g_binding_group_bind (self->sobject_bindings, "inconsistent", self->check, "inconsistent",
                        G_BINDING_SYNC_CREATE);

  self->sobject_signals = g_signal_group_new (ORGSYNC_TYPE_SOBJECT);
  g_signal_group_connect_object (self->sobject_signals, "notify::n-selected",
                                 G_CALLBACK (sobject_selection_changed_cb), self,
                                 G_CONNECT_SWAPPED);
}

GtkWidget *
orgsync_field_row_new (void)
{
  return g_object_new (ORGSYNC_TYPE_FIELD_ROW, NULL);
}

void
orgsync_field_row_bind (OrgsyncFieldRow *self,
                        GtkTreeListRow  *list_row)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (ORGSYNC_IS_FIELD_ROW (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (list_row));

  item = gtk_tree_list_row_get_item (list_row);
  gtk_tree_expander_set_list_row (self->expander, list_row);

  if (ORGSYNC_IS_SOBJECT (item))
    {
      show_sobject (self, ORGSYNC_SOBJECT (item));
      g_binding_group_set_source (self->sobject_bindings, item);
    }
  else
    {
      show_field (self, ORGSYNC_FIELD (item));
      g_binding_group_set_source (self->sobject_bindings, NULL);
      gtk_check_button_set_inconsistent (self->check, FALSE);
    }

  g_binding_group_set_source (self->bindings, item);
}

void
orgsync_field_row_unbind (OrgsyncFieldRow *self)
{
  g_return_if_fail (ORGSYNC_IS_FIELD_ROW (self));

  g_binding_group_set_source (self->bindings, NULL);
  g_binding_group_set_source (self->sobject_bindings, NULL);
  g_signal_group_set_target (self->sobject_signals, NULL);
  gtk_tree_expander_set_list_row (self->expander, NULL);
}
