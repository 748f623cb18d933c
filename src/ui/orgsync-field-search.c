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
 * over them that records the positions to show, and the models handed to the tree are
 * views of those positions (OrgsyncIndexModel). No GObject is touched per field. */

typedef struct
{
  char       *key;
  char      **field_keys;   /* n_fields entries */
  guint       n_fields;
  GArray     *matches;      /* guint positions of matching fields, or NULL for all */
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
    }
  g_free (self->tables);
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

  return self;
}

/**
 * orgsync_field_search_set_query:
 * @query: (nullable): what the person typed; blank text ends the search
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
 * Returns: (transfer full): the tables to show for the current query, all of them
 *   without one
 */
GListModel *
orgsync_field_search_dup_tables (OrgsyncFieldSearch *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), NULL);

  if (self->query == NULL)
    return g_object_ref (self->sobjects);

  return G_LIST_MODEL (orgsync_index_model_new (self->sobjects, self->shown));
}

/**
 * orgsync_field_search_dup_fields:
 *
 * Returns: (transfer full): the fields of @sobject to show for the current query
 */
GListModel *
orgsync_field_search_dup_fields (OrgsyncFieldSearch *self,
                                 OrgsyncSObject     *sobject)
{
  GListModel *fields;
  guint position;

  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), NULL);
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (sobject), NULL);

  fields = orgsync_sobject_get_fields (sobject);
  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->table_index, sobject));

  if (self->query == NULL || position == 0 || self->tables[position - 1].matches == NULL)
    return g_object_ref (fields);

  return G_LIST_MODEL (orgsync_index_model_new (fields, self->tables[position - 1].matches));
}

/* The number of field rows the current query shows. */
guint
orgsync_field_search_get_n_matches (OrgsyncFieldSearch *self)
{
  g_return_val_if_fail (ORGSYNC_IS_FIELD_SEARCH (self), 0);

  return self->n_matches;
}
