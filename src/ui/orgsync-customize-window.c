/* orgsync-customize-window.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "orgsync-customize-window.h"
#include "orgsync-field-row.h"
#include "orgsync-field-search.h"
#include "orgsync-preset.h"
#include "orgsync-sobject.h"
#include "orgsync-toast.h"

/* Customize Fields: every queryable table of the org as an expandable row with a
 * tri-state check and its fields beneath, a search across all fields, data presets,
 * and a review page listing what will be added and removed. The window edits the
 * OrgsyncSObject models it is given in place; whoever opened it commits the result
 * when it emits "sync-now", and restores the models when it is cancelled.
 *
 * Built for large orgs (500 tables of 200 fields): a one-column GtkGridView over a
 * GtkTreeListModel creates widgets only for the visible rows (GTK 4.8's GtkListView
 * would keep 200 alive and rebuild them all when a search changes much), and the
 * search filters through OrgsyncFieldSearch, which caches casefolded keys and
 * per-table counts. */
struct _OrgsyncCustomizeWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *back_button;
  GtkButton           *cancel_button;
  GtkLabel            *estimate_label;
  AdwLeaflet          *leaflet;
  GtkStack            *pages;
  GtkListBox          *presets_list;
  GtkListBox          *review_list;
  GtkButton           *review_button;
  GtkSearchBar        *search_bar;
  GtkToggleButton     *search_button;
  GtkSearchEntry      *search_entry;
  GtkLabel            *summary_label;
  GtkButton           *sync_button;
  GtkStack            *tables_stack;
  GtkGridView         *tables_view;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;

  /* Owned references */
  GListModel          *sobjects;
  OrgsyncFieldSearch  *search;
  GtkTreeListModel    *tree;
  GHashTable          *initial;          /* "Object.Field" of the selection at opening */
  GPtrArray           *row_pool;         /* OrgsyncFieldRow widgets waiting for a list item */
  GListModel          *presets;
  char               **undo_selection;   /* before the last preset, for its Undo */
};

G_DEFINE_FINAL_TYPE (OrgsyncCustomizeWindow, orgsync_customize_window, ADW_TYPE_WINDOW)

enum {
  SYNC_NOW,
  REVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * The tree
 */

static GListModel *
create_child_model_cb (gpointer item,
                       gpointer user_data)
{
  OrgsyncCustomizeWindow *self = user_data;

  /* Rows may still be bound while the window is being disposed. */
  if (!ORGSYNC_IS_SOBJECT (item) || self->search == NULL)
    return NULL;

  return orgsync_field_search_dup_fields (self->search, item);
}

/* Row widgets are kept for reuse when their list item goes: the view makes new list
 * items for every visible row whenever its content changes much, and a pooled row
 * only has to be rebound, not built. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              GPtrArray                *pool)
{
  GtkWidget *row;

  if (pool->len > 0)
    row = g_ptr_array_steal_index_fast (pool, pool->len - 1);
  else
    row = g_object_ref_sink (orgsync_field_row_new ());

  gtk_list_item_set_child (list_item, row);
  g_object_unref (row);
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 GPtrArray                *pool)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (row == NULL)
    return;

  g_ptr_array_add (pool, g_object_ref (row));
  gtk_list_item_set_child (list_item, NULL);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  orgsync_field_row_bind (ORGSYNC_FIELD_ROW (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  orgsync_field_row_unbind (ORGSYNC_FIELD_ROW (gtk_list_item_get_child (list_item)));
}

static void
row_activated_cb (OrgsyncCustomizeWindow *self,
                  guint                   position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);

  /* Enter on a table folds it open or shut; on a field it ticks the field. */
  if (ORGSYNC_IS_SOBJECT (item))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else if (!orgsync_field_get_locked (ORGSYNC_FIELD (item)))
    orgsync_field_set_selected (ORGSYNC_FIELD (item), !orgsync_field_get_selected (ORGSYNC_FIELD (item)));
}

/*
 * Summary and selection
 */

static void
update_summary (OrgsyncCustomizeWindow *self)
{
  guint n_tables = 0;
  guint n_fields = 0;
  g_autofree char *tables_text = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (self->sobjects); i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (self->sobjects, i);
      guint n_selected = orgsync_sobject_get_n_selected (sobject);

      if (n_selected > 0)
        {
          n_tables++;
          n_fields += n_selected;
        }
    }

  tables_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u table", "%u tables", n_tables), n_tables);
  /* Translators: "42 fields in 4 tables" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field in %s", "%u fields in %s", n_fields),
                          n_fields, tables_text);
  gtk_label_set_label (self->summary_label, text);
}

static void
sobject_selection_changed_cb (OrgsyncCustomizeWindow *self)
{
  update_summary (self);
}

static GHashTable *
selection_set (GListModel *sobjects)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) selection = orgsync_sobject_list_save_selection (sobjects);

  for (guint i = 0; selection[i] != NULL; i++)
    g_hash_table_add (set, g_steal_pointer (&selection[i]));

  return set;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Entries of @a that @b lacks, sorted. */
static char **
difference (GHashTable *a,
            GHashTable *b)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new ();
  GHashTableIter iter;
  const char *key;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    {
      if (!g_hash_table_contains (b, key))
        g_ptr_array_add (result, g_strdup (key));
    }

  g_ptr_array_sort (result, compare_strings);
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

/*
 * Search
 */

/* While searching every table is open. The tables are opened one by one before
 * autoexpand is switched on: autoexpand on a new tree would ask every field row of
 * the whole tree whether it has children (100,000 lookups for a one-letter search),
 * while later it only opens the tables that appear. */
static void
build_tree (OrgsyncCustomizeWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *tables = orgsync_field_search_dup_tables (self->search);
  guint n_tables = g_list_model_get_n_items (tables);

  g_clear_object (&self->tree);
  self->tree = gtk_tree_list_model_new (tables, FALSE, FALSE, create_child_model_cb, self, NULL);
  if (orgsync_field_search_is_active (self->search))
    {
      for (guint i = 0; i < n_tables; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);

          gtk_tree_list_row_set_expanded (row, TRUE);
        }
      gtk_tree_list_model_set_autoexpand (self->tree, TRUE);
    }

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_grid_view_set_model (self->tables_view, GTK_SELECTION_MODEL (selection));
}

/* Beyond this many changes, one new tree beats updating the old one: each change
 * makes the view re-measure and rebind its rows, while a new tree rebuilds them
 * once (from pooled widgets). */
#define MAX_CHANGES_IN_PLACE 12

/* A search opens every table that has matches; ending it folds them again. Small
 * changes (most keystrokes while typing) update the tree in place, so rows that
 * still match keep their widgets; a start, an end or a large change of the search
 * builds a new tree, with every table open while searching. */
static void
apply_search (OrgsyncCustomizeWindow *self,
              const char             *text)
{
  gboolean was_searching = orgsync_field_search_is_active (self->search);

  if (!orgsync_field_search_set_query (self->search, text))
    return;

  if (orgsync_field_search_is_active (self->search) == was_searching &&
      orgsync_field_search_count_changes (self->search) <= MAX_CHANGES_IN_PLACE)
    {
      orgsync_field_search_update_models (self->search);
    }
  else
    {
      /* Let go of the old tree first: its rows need not follow the changes. */
      gtk_grid_view_set_model (self->tables_view, NULL);
      g_clear_object (&self->tree);
      orgsync_field_search_update_models (self->search);
      build_tree (self);
    }

  gtk_stack_set_visible_child_name (self->tables_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->tree)) > 0
                                    ? "tables" : "no-match");
}

static void
search_changed_cb (OrgsyncCustomizeWindow *self)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (OrgsyncCustomizeWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/*
 * Review
 */

static GtkWidget *
create_change_row (const char *field,
                   gboolean    added)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (added ? "list-add-symbolic" : "list-remove-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), added ? _("Will be synced") : _("Will be removed from the local copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, added ? _("Added") : _("Removed"),
                                  -1);
  gtk_widget_add_css_class (icon, added ? "success" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

/* One expander per table with changes: its added fields, then its removed ones. */
static void
append_table_changes (OrgsyncCustomizeWindow *self,
                      OrgsyncSObject         *sobject,
                      char                  **added,
                      char                  **removed)
{
  const char *name = orgsync_sobject_get_name (sobject);
  gsize prefix_len = strlen (name) + 1;
  g_autofree char *subtitle = NULL;
  GtkWidget *expander = NULL;
  guint n_added = 0;
  guint n_removed = 0;

  for (guint pass = 0; pass < 2; pass++)
    {
      char **list = pass == 0 ? added : removed;

      for (guint i = 0; list[i] != NULL; i++)
        {
          if (strncmp (list[i], name, prefix_len - 1) != 0 || list[i][prefix_len - 1] != '.')
            continue;

          if (expander == NULL)
            expander = adw_expander_row_new ();

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    create_change_row (list[i] + prefix_len, pass == 0));
          if (pass == 0)
            n_added++;
          else
            n_removed++;
        }
    }

  if (expander == NULL)
    return;

  /* Translators: fields added and removed in one table */
  subtitle = g_strdup_printf (_("%u added, %u removed"), n_added, n_removed);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), orgsync_sobject_get_label (sobject));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  gtk_list_box_append (self->review_list, expander);
}

static void
build_review (OrgsyncCustomizeWindow *self)
{
  g_auto(GStrv) added = orgsync_customize_window_dup_added (self);
  g_auto(GStrv) removed = orgsync_customize_window_dup_removed (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->review_list))) != NULL)
    gtk_list_box_remove (self->review_list, child);

  for (guint i = 0; i < g_list_model_get_n_items (self->sobjects); i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (self->sobjects, i);

      append_table_changes (self, sobject, added, removed);
    }

  if (added[0] == NULL && removed[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes to the selected fields"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Sync Now syncs the current selection."));
      gtk_list_box_append (self->review_list, row);
    }
}

static void
show_page (OrgsyncCustomizeWindow *self,
           gboolean                review)
{
  gtk_stack_set_visible_child_name (self->pages, review ? "review" : "customize");
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !review);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), review);
  gtk_widget_set_visible (GTK_WIDGET (self->review_button), !review);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), review);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), !review);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customize.search", !review);
}

/*
 * Actions
 */

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OrgsyncCustomizeWindow *self = ORGSYNC_CUSTOMIZE_WINDOW (widget);

  orgsync_customize_window_show_review (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_page (ORGSYNC_CUSTOMIZE_WINDOW (widget), FALSE);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[SYNC_NOW], 0);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OrgsyncCustomizeWindow *self = ORGSYNC_CUSTOMIZE_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/*
 * Presets
 */

static char *
describe_missing (GPtrArray *missing)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < missing->len && i < 3; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (missing, i));
    }
  if (missing->len > 3)
    g_string_append (text, ", …");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
apply_preset_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OrgsyncCustomizeWindow *self = ORGSYNC_CUSTOMIZE_WINDOW (widget);
  OrgsyncPreset *preset = orgsync_preset_list_lookup (self->presets, g_variant_get_string (parameter, NULL));
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (preset == NULL)
    return;

  g_clear_pointer (&self->undo_selection, g_strfreev);
  self->undo_selection = orgsync_sobject_list_save_selection (self->sobjects);
  orgsync_preset_apply (preset, self->sobjects, missing);

  if (missing->len == 0)
    /* Translators: the argument is the name of a data preset */
    title = g_strdup_printf (_("Applied “%s”"), orgsync_preset_get_name (preset));
  else
    {
      g_autofree char *names = describe_missing (missing);

      /* Translators: a preset's name, then fields of it that this org does not have */
      title = g_strdup_printf (_("Applied “%s”. Not in this org, so skipped: %s"),
                               orgsync_preset_get_name (preset), names);
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "customize.undo-preset");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  orgsync_toast_show (self->toast_overlay, toast, ORGSYNC_TOAST_TIMEOUT);
}

static void
undo_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OrgsyncCustomizeWindow *self = ORGSYNC_CUSTOMIZE_WINDOW (widget);

  if (self->undo_selection == NULL)
    return;

  orgsync_sobject_list_restore_selection (self->sobjects, (const char * const *) self->undo_selection);
  g_clear_pointer (&self->undo_selection, g_strfreev);
}

static GtkWidget *
create_preset_row (gpointer item,
                   gpointer user_data)
{
  OrgsyncPreset *preset = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Apply"));
  g_autofree char *label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), orgsync_preset_get_name (preset));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), orgsync_preset_get_description (preset));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customize.apply-preset");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", orgsync_preset_get_id (preset));
  /* Translators: accessible name of the button that applies a preset */
  label = g_strdup_printf (_("Apply %s"), orgsync_preset_get_name (preset));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
load_presets (OrgsyncCustomizeWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->presets = orgsync_preset_list_load (&error);

  if (self->presets == NULL)
    {
      g_warning ("Data presets unavailable: %s", error->message);
      self->presets = G_LIST_MODEL (g_list_store_new (ORGSYNC_TYPE_PRESET));
    }

  gtk_list_box_bind_model (self->presets_list, self->presets, create_preset_row, self, NULL);
}

/*
 * GObject overrides
 */

static void
orgsync_customize_window_dispose (GObject *object)
{
  OrgsyncCustomizeWindow *self = ORGSYNC_CUSTOMIZE_WINDOW (object);

  if (self->tables_view != NULL)
    gtk_grid_view_set_model (self->tables_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORGSYNC_TYPE_CUSTOMIZE_WINDOW);
  g_clear_pointer (&self->row_pool, g_ptr_array_unref);
  g_clear_object (&self->tree);
  g_clear_object (&self->search);
  g_clear_object (&self->sobjects);
  g_clear_pointer (&self->initial, g_hash_table_unref);
  g_clear_pointer (&self->undo_selection, g_strfreev);
  g_clear_object (&self->presets);

  G_OBJECT_CLASS (orgsync_customize_window_parent_class)->dispose (object);
}

static void
orgsync_customize_window_class_init (OrgsyncCustomizeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orgsync_customize_window_dispose;

  /**
   * OrgsyncCustomizeWindow::sync-now:
   *
   * The person reviewed the selection and asked to sync it. The handler commits
   * the selection of the window's tables and closes the window.
   */
  signals[SYNC_NOW] =
    g_signal_new ("sync-now",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * OrgsyncCustomizeWindow::review:
   *
   * The review page opened. A handler may work out what the first sync of the
   * selection costs and pass it to orgsync_customize_window_set_estimate().
   */
  signals[REVIEW] =
    g_signal_new ("review",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/orgsync-customize-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, presets_list);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, review_list);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, tables_stack);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, tables_view);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OrgsyncCustomizeWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "customize.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "customize.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "customize.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "customize.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "customize.apply-preset", "s", apply_preset_action);
  gtk_widget_class_install_action (widget_class, "customize.undo-preset", NULL, undo_preset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "customize.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
orgsync_customize_window_init (OrgsyncCustomizeWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));


  self->row_pool = g_ptr_array_new_with_free_func (g_object_unref);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self->row_pool);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self->row_pool);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_grid_view_set_factory (self->tables_view, factory);
  g_object_unref (factory);

  orgsync_customize_window_set_estimate (self, NULL);
  load_presets (self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}

static void
set_sobjects (OrgsyncCustomizeWindow *self,
              GListModel             *sobjects)
{
  self->sobjects = g_object_ref (sobjects);
  self->initial = selection_set (sobjects);
  self->search = orgsync_field_search_new (sobjects);

  build_tree (self);

  for (guint i = 0; i < g_list_model_get_n_items (sobjects); i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);

      g_signal_connect_object (sobject, "notify::n-selected",
                               G_CALLBACK (sobject_selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  update_summary (self);
}

/**
 * orgsync_customize_window_new:
 * @connection_name: shown under the title
 * @sobjects: a #GListModel of #OrgsyncSObject, edited in place
 */
OrgsyncCustomizeWindow *
orgsync_customize_window_new (const char *connection_name,
                              GListModel *sobjects)
{
  OrgsyncCustomizeWindow *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (sobjects), NULL);

  self = g_object_new (ORGSYNC_TYPE_CUSTOMIZE_WINDOW, NULL);
  adw_window_title_set_subtitle (self->window_title, connection_name);
  set_sobjects (self, sobjects);
  show_page (self, FALSE);

  return self;
}

/**
 * orgsync_customize_window_get_sobjects:
 *
 * Returns: (transfer none): the tables being edited
 */
GListModel *
orgsync_customize_window_get_sobjects (OrgsyncCustomizeWindow *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self), NULL);

  return self->sobjects;
}

/**
 * orgsync_customize_window_dup_added:
 *
 * Returns: (transfer full): "Object.Field" of the fields selected since the window
 *   opened, sorted
 */
char **
orgsync_customize_window_dup_added (OrgsyncCustomizeWindow *self)
{
  g_autoptr(GHashTable) now = NULL;

  g_return_val_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self), NULL);

  now = selection_set (self->sobjects);
  return difference (now, self->initial);
}

/**
 * orgsync_customize_window_dup_removed:
 *
 * Returns: (transfer full): "Object.Field" of the fields cleared since the window
 *   opened, sorted
 */
char **
orgsync_customize_window_dup_removed (OrgsyncCustomizeWindow *self)
{
  g_autoptr(GHashTable) now = NULL;

  g_return_val_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self), NULL);

  now = selection_set (self->sobjects);
  return difference (self->initial, now);
}

/* Searches as if typed, without waiting for the entry's delay (tests, benchmarks). */
void
orgsync_customize_window_set_search (OrgsyncCustomizeWindow *self,
                                     const char             *text)
{
  g_return_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  apply_search (self, text);
}

/**
 * orgsync_customize_window_get_n_rows:
 *
 * Returns: the number of rows the tree shows now: tables plus the fields of the
 *   expanded ones
 */
guint
orgsync_customize_window_get_n_rows (OrgsyncCustomizeWindow *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->tree));
}

void
orgsync_customize_window_set_estimate (OrgsyncCustomizeWindow *self,
                                       const char             *estimate)
{
  g_return_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self));

  gtk_label_set_label (self->estimate_label, estimate != NULL ? estimate : "");
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_label), estimate != NULL && *estimate != '\0');
}

const char *
orgsync_customize_window_get_estimate (OrgsyncCustomizeWindow *self)
{
  g_return_val_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self), NULL);

  return gtk_label_get_label (self->estimate_label);
}

void
orgsync_customize_window_show_review (OrgsyncCustomizeWindow *self)
{
  g_return_if_fail (ORGSYNC_IS_CUSTOMIZE_WINDOW (self));

  build_review (self);
  show_page (self, TRUE);
  g_signal_emit (self, signals[REVIEW], 0);
}
