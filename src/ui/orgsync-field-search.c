/* orgsync-field-search.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "orgsync-field.h"
#include "orgsync-field-search.h"
#include "orgsync-index-model.h"

/* The search of Customize Fields: one query matched against every table and field by
 * label or API name, case-insensitively. A table is shown when its own name or any of
 * its fields matches; inside it, the matching fields are shown — or all of them when
 * only the table's name matched.
 *
 * With 500 tables of 200 fields a keystroke must stay far below 50 ms, so the
 * casefolded "label\napi-name" of every table and field is computed once, when the
 * search is created, into plain arrays; a query is then one tight pass of strstr()
 * over them that records the positions to show. The models handed to the tree are
 * views of those positions (OrgsyncIndexModel) that live as long as the search and are
 * updated in place, so a row that still matches after a keystroke keeps its widget.
 * No GObject is touched per field. */

typedef struct
{
  char              *key;
  char             **field_keys;   /* n_fields entries */
  guint              n_fields;
  GArray            *matches;      /* guint positions of matching fields, or NULL for all */
  OrgsyncIndexModel *fields_model; /* made when the tree first asks */
} TableEntry;

struct _OrgsyncFieldSearch
{
  GObject      parent_instance;

  GListModel  *sobjects;
  TableEntry  *tables;
  guint        n_tables;
  GHashTable  *table_index;  /* OrgsyncSObject* -> position + 1 */

  char        *query;        /* casefolded, NULL when not searching */
  GArray      *shown;        /* guint positions of the tables to show */
  guint        n_matches;    /* fields shown in all */

  OrgsyncIndexModel *tables_model;
  gboolean          *root_shown;      /* what tables_model shows now, per table */
};

G_DEFINE_FINAL_TYPE (OrgsyncFieldSearch, orgsync_field_search, G_TYPE_OBJECT)

static char *
make_key (const char *label,
          const char *name)
{
  g_autofree char *text = g_strconcat (label != NULL ? label : "", "\n", name, NULL);

  return g_utf8_casefold (text, -1);
}

static void
build_entry (TableEntry     *entry,
             OrgsyncSObject *sobject)
{
  GListModel *fields = orgsync_sobject_get_fields (sobject);

  entry->key = make_key (orgsync_sobject_get_label (sobject), orgsync_sobject_get_name (sobject));
  entry->n_fields = g_list_model_get_n_items (fields);
  entry->field_keys = g_new (char *, entry->n_fields);

  for (guint i = 0; i < entry->n_fields; i++)
    {
      g_autoptr(OrgsyncField) field = g_list_model_get_item (fields, i);

      entry->field_keys[i] = make_key (orgsync_field_get_label (field), orgsync_field_get_name (field));
    }
}

static GArray *
dup_all_positions (guint n)
{
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  for (guint i = 0; i < n; i++)
    g_array_append_val (positions, i);

  return positions;
}

static gboolean
table_shown (OrgsyncFieldSearch *self,
             const TableEntry   *entry)
{
  if (self->query == NULL)
    return TRUE;

  return entry->matches != NULL || strstr (entry->key, self->query) != NULL;
}

static GArray *
dup_wanted_fields (TableEntry *entry)
{
  if (entry->matches != NULL)
    return g_array_ref (entry->matches);

  return dup_all_positions (entry->n_fields);
}

static void
update_fields_model (TableEntry *entry)
{
  g_autoptr(GArray) wanted = NULL;

  if (entry->fields_model == NULL)
    return;

  wanted = dup_wanted_fields (entry);
  orgsync_index_model_set_positions (entry->fields_model, wanted);
}

/* Brings the tree's models to the new query from the last table to the first:
 * a change then never moves rows above it, so the list view does not make widgets
 * for rows that a later change of the same keystroke would take away again. A
 * table that comes into view gets its fields first, so it appears complete. */
/**
 * orgsync_field_search_update_models:
 *
 * Brings the models handed out to the current query.
 */
void
orgsync_field_search_update_models (OrgsyncFieldSearch *self)
{
  guint root_position = 0;

  g_return_if_fail (ORGSYNC_IS_FIELD_SEARCH (self));

  for (guint t = 0; t < self->n_tables; t++)
    if (self->root_shown[t])
      root_position++;

  for (guint t = self->n_tables; t > 0; t--)
    {
      TableEntry *entry = &self->tables[t - 1];
      guint position = t - 1;
      gboolean shown = table_shown (self, entry);

      if (self->root_shown[t - 1])
        root_position--;

      update_fields_model (entry);

      if (self->root_shown[t - 1] && !shown)
        orgsync_index_model_splice (self->tables_model, root_position, 1, NULL, 0);
      else if (!self->root_shown[t - 1] && shown)
        orgsync_index_model_splice (self->tables_model, root_position, 0, &position, 1);

      self->root_shown[t - 1] = shown;
    }
}

/**
 * orgsync_field_search_count_changes:
 *
 * Returns: how many items-changed signals orgsync_field_search_update_models() would
 *   emit: many small changes cost a list view more than one new model
 */
guint
orgsync_field_search_count_changes (OrgsyncFieldSearch *self)
{
  guint count = 0;

  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), 0);

  for (guint t = 0; t < self->n_tables; t++)
    {
      TableEntry *entry = &self->tables[t];
      gboolean shown = table_shown (self, entry);

      if (shown != self->root_shown[t])
        count++;
      else if (shown && entry->fields_model != NULL)
        {
          g_autoptr(GArray) wanted = dup_wanted_fields (entry);

          count += orgsync_index_model_count_changes (entry->fields_model, wanted);
        }
    }

  return count;
}

static void
clear_matches (OrgsyncFieldSearch *self)
{
  for (guint i = 0; i < self->n_tables; i++)
    g_clear_pointer (&self->tables[i].matches, g_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  self->n_matches = 0;
}

/* One pass over all keys: which tables to show, and which fields inside them. */
static void
run_query (OrgsyncFieldSearch *self)
{
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint t = 0; t < self->n_tables; t++)
    {
      TableEntry *entry = &self->tables[t];
      GArray *matches = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint f = 0; f < entry->n_fields; f++)
        {
          if (strstr (entry->field_keys[f], self->query) != NULL)
            g_array_append_val (matches, f);
        }

      if (matches->len > 0)
        {
          entry->matches = matches;
          self->n_matches += matches->len;
          g_array_append_val (self->shown, t);
        }
      else
        {
          g_array_unref (matches);
          /* Found by its own name: all its fields (matches stays NULL) */
          if (strstr (entry->key, self->query) != NULL)
            {
              g_array_append_val (self->shown, t);
              self->n_matches += entry->n_fields;
            }
        }
    }
}

static void
orgsync_field_search_finalize (GObject *object)
{
  OrgsyncFieldSearch *self = ORGSYNC_FIELD_SEARCH (object);

  clear_matches (self);
  for (guint i = 0; i < self->n_tables; i++)
    {
      TableEntry *entry = &self->tables[i];

      for (guint f = 0; f < entry->n_fields; f++)
        g_free (entry->field_keys[f]);
      g_free (entry->field_keys);
      g_free (entry->key);
      g_clear_object (&entry->fields_model);
    }
  g_free (self->tables);
  g_free (self->root_shown);
  g_clear_object (&self->tables_model);
  g_clear_pointer (&self->table_index, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->sobjects);

  G_OBJECT_CLASS (orgsync_field_search_parent_class)->finalize (object);
}

static void
orgsync_field_search_class_init (OrgsyncFieldSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orgsync_field_search_finalize;
}

static void
orgsync_field_search_init (OrgsyncFieldSearch *self)
{
  self->table_index = g_hash_table_new (NULL, NULL);
}

OrgsyncFieldSearch *
orgsync_field_search_new (GListModel *sobjects)
{
  OrgsyncFieldSearch *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (sobjects), NULL);

  self = g_object_new (ORGSYNC_TYPE_FIELD_SEARCH, NULL);
  self->sobjects = g_object_ref (sobjects);
  self->n_tables = g_list_model_get_n_items (sobjects);
  self->tables = g_new0 (TableEntry, self->n_tables);

  for (guint t = 0; t < self->n_tables; t++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, t);

      build_entry (&self->tables[t], sobject);
      g_hash_table_insert (self->table_index, sobject, GUINT_TO_POINTER (t + 1));
    }

  {
    g_autoptr(GArray) all = dup_all_positions (self->n_tables);

    self->tables_model = orgsync_index_model_new (sobjects, all);
  }

  self->root_shown = g_new (gboolean, self->n_tables);
  for (guint t = 0; t < self->n_tables; t++)
    self->root_shown[t] = TRUE;

  return self;
}

/**
 * orgsync_field_search_set_query:
 * @query: (nullable): what the person typed; blank text ends the search
 *
 * Matches the query; the models change with orgsync_field_search_update_models().
 *
 * Returns: %TRUE when what is shown changed
 */
gboolean
orgsync_field_search_set_query (OrgsyncFieldSearch *self,
                                const char         *query)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), FALSE);

  stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (*stripped != '\0')
    folded = g_utf8_casefold (stripped, -1);

  if (g_strcmp0 (folded, self->query) == 0)
    return FALSE;

  clear_matches (self);
  g_free (self->query);
  self->query = g_steal_pointer (&folded);

  if (self->query != NULL)
    run_query (self);

  return TRUE;
}

gboolean
orgsync_field_search_is_active (OrgsyncFieldSearch *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), FALSE);

  return self->query != NULL;
}

/**
 * orgsync_field_search_dup_tables:
 *
 * Returns: (transfer full): the tables to show, all of them without a query; the same
 *   model for the life of the search, updated as the query changes
 */
GListModel *
orgsync_field_search_dup_tables (OrgsyncFieldSearch *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), NULL);

  return g_object_ref (G_LIST_MODEL (self->tables_model));
}

/**
 * orgsync_field_search_dup_fields:
 *
 * Returns: (transfer full): the fields of @sobject to show; the same model for the
 *   life of the search, updated as the query changes
 */
GListModel *
orgsync_field_search_dup_fields (OrgsyncFieldSearch *self,
                                 OrgsyncSObject     *sobject)
{
  TableEntry *entry;
  guint position;

  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), NULL);
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (sobject), NULL);

  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->table_index, sobject));
  if (position == 0)
    return g_object_ref (orgsync_sobject_get_fields (sobject));

  entry = &self->tables[position - 1];
  if (entry->fields_model == NULL)
    {
      g_autoptr(GArray) all = NULL;

      if (entry->matches == NULL)
        all = dup_all_positions (entry->n_fields);
      entry->fields_model = orgsync_index_model_new (orgsync_sobject_get_fields (sobject),
                                                     entry->matches != NULL ? entry->matches : all);
    }

  return g_object_ref (G_LIST_MODEL (entry->fields_model));
}

/* The number of field rows the current query shows. */
guint
orgsync_field_search_get_n_matches (OrgsyncFieldSearch *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), 0);

  return self->n_matches;
}
