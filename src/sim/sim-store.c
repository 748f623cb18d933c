/* sim-store.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-store.h"
#include "sim-util.h"

/* Records are never stored: record N of an object is generated from
 * (seed, object, N) whenever it is read.  Only what changed since is kept,
 * as an overlay per touched record, so millions of rows cost nothing until
 * somebody writes to them. */

static void
overlay_value_clear (SimOverlayValue *value)
{
  g_free (value->str);
}

static void
overlay_free (SimOverlay *overlay)
{
  g_clear_pointer (&overlay->values, g_array_unref);
  g_free (overlay);
}

static void
table_free (SimTable *table)
{
  g_hash_table_unref (table->overlays);
  g_free (table);
}

SimStore *
sim_store_new (SimSchema  *schema,
               guint64     seed,
               const char *username)
{
  SimStore *store = g_new0 (SimStore, 1);
  guint n_data_objects = 0;

  store->schema = schema;
  store->seed = seed;
  store->username = g_strdup (username);
  store->tables = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) table_free);
  store->scratch = g_string_new (NULL);
  sim_store_set_org_number (store, 1);
  sim_parse_datetime ("2025-10-01T00:00:00Z", &store->epoch_ms, NULL);

  store->perms.api_enabled = TRUE;
  store->perms.view_setup = TRUE;
  store->perms.view_all_users = TRUE;
  store->perms.view_all_data = TRUE;
  store->perms.modify_all_data = TRUE;
  store->perms.object_access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (schema->objects, i);
      SimTable *table = g_new0 (SimTable, 1);

      table->object = object;
      table->n_generated = object->default_records;
      table->overlays = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) overlay_free);
      g_hash_table_insert (store->tables, object, table);
      if (object->kind == SIM_OBJECT_DATA)
        n_data_objects++;
    }

  store->users = sim_store_table (store, sim_schema_lookup (schema, "User"));

  /* One ObjectPermissions row per data object. */
  for (guint i = 0; i < schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (schema->objects, i);

      if (object->kind == SIM_OBJECT_OBJECT_PERMISSIONS)
        sim_store_table (store, object)->n_generated = n_data_objects;
    }

  return store;
}

/* The org id; a sandbox refresh gives the same data another one. */
void
sim_store_set_org_number (SimStore *store,
                          guint     org_number)
{
  store->org_number = MAX (org_number, 1);
  sim_make_id (store->org_id, "00D", store->org_number);
}

void
sim_store_free (SimStore *store)
{
  g_hash_table_unref (store->tables);
  g_hash_table_unref (store->perms.object_access);
  g_string_free (store->scratch, TRUE);
  g_free (store->username);
  g_free (store);
}

SimTable *
sim_store_table (SimStore  *store,
                 SimObject *object)
{
  return g_hash_table_lookup (store->tables, object);
}

void
sim_store_set_count (SimStore  *store,
                     SimObject *object,
                     guint64    count)
{
  SimTable *table = sim_store_table (store, object);

  if (object->kind == SIM_OBJECT_DATA)
    table->n_generated = count;
}

guint64
sim_table_size (SimTable *table)
{
  return table->n_generated + table->n_created;
}

guint64
sim_table_live_count (SimTable *table)
{
  return sim_table_size (table) - table->n_deleted - table->n_purged;
}

SimOverlay *
sim_table_overlay (SimTable *table,
                   guint64   index)
{
  if (g_hash_table_size (table->overlays) == 0)
    return NULL;
  return g_hash_table_lookup (table->overlays, &index);
}

SimOverlay *
sim_table_ensure_overlay (SimTable *table,
                          guint64   index)
{
  SimOverlay *overlay = sim_table_overlay (table, index);

  if (overlay == NULL)
    {
      guint64 *key = g_new (guint64, 1);

      *key = index;
      overlay = g_new0 (SimOverlay, 1);
      overlay->values = g_array_new (FALSE, FALSE, sizeof (SimOverlayValue));
      g_array_set_clear_func (overlay->values, (GDestroyNotify) overlay_value_clear);
      g_hash_table_insert (table->overlays, key, overlay);
    }

  return overlay;
}

gboolean
sim_table_exists (SimTable *table,
                  guint64   index)
{
  SimOverlay *overlay;

  if (index >= sim_table_size (table))
    return FALSE;
  overlay = sim_table_overlay (table, index);
  return overlay == NULL || !(overlay->flags & SIM_OVERLAY_PURGED);
}

gboolean
sim_table_is_deleted (SimTable *table,
                      guint64   index)
{
  SimOverlay *overlay = sim_table_overlay (table, index);

  return overlay != NULL && (overlay->flags & (SIM_OVERLAY_DELETED | SIM_OVERLAY_PURGED));
}

gboolean
sim_table_index_from_id (SimTable   *table,
                         const char *id,
                         guint64    *index_out)
{
  char prefix[4];
  guint64 number;

  if (table->object->key_prefix == NULL ||
      !sim_parse_id (id, prefix, &number) ||
      !g_str_equal (prefix, table->object->key_prefix) ||
      number == 0)
    return FALSE;

  *index_out = number - 1;
  return TRUE;
}

void
sim_row_init (SimRow   *row,
              SimStore *store,
              SimTable *table,
              guint64   index)
{
  row->store = store;
  row->table = table;
  row->index = index;
  row->overlay = sim_table_overlay (table, index);
}

void
sim_row_id (SimRow *row,
            char    out[19])
{
  const char *prefix = row->table->object->key_prefix;

  sim_make_id (out, prefix ? prefix : "0Ps", row->index + 1);
}

void
sim_row_get (SimRow   *row,
             SimField *field,
             SimValue *out)
{
  if (row->overlay != NULL)
    {
      GArray *values = row->overlay->values;

      for (guint i = 0; i < values->len; i++)
        {
          SimOverlayValue *v = &g_array_index (values, SimOverlayValue, i);

          if (v->field != field->index)
            continue;

          out->kind = v->kind;
          out->i = v->i;
          out->d = v->d;
          out->str = v->str;
          out->len = v->str ? (int) strlen (v->str) : 0;
          return;
        }

      if (field->type == SIM_TYPE_BOOLEAN && g_str_equal (field->name, "IsDeleted"))
        {
          out->kind = SIM_VALUE_BOOL;
          out->i = (row->overlay->flags & SIM_OVERLAY_DELETED) != 0;
          return;
        }
    }

  sim_generator_value (row, field, out);
}

void
sim_store_set_value (SimTable       *table,
                     guint64         index,
                     SimField       *field,
                     const SimValue *value)
{
  SimOverlay *overlay = sim_table_ensure_overlay (table, index);
  SimOverlayValue v = { 0 };

  for (guint i = 0; i < overlay->values->len; i++)
    if (g_array_index (overlay->values, SimOverlayValue, i).field == field->index)
      {
        g_array_remove_index_fast (overlay->values, i);
        break;
      }

  v.field = field->index;
  v.kind = value->kind;
  v.i = value->i;
  v.d = value->d;
  if (value->kind == SIM_VALUE_STRING)
    v.str = g_strndup (value->str, value->len);
  g_array_append_val (overlay->values, v);
}

static void
set_datetime (SimTable   *table,
              guint64     index,
              const char *name,
              gint64      ms)
{
  SimField *field = sim_object_lookup_field (table->object, name);
  SimValue value = { .kind = SIM_VALUE_DATETIME, .i = ms };

  if (field != NULL)
    sim_store_set_value (table, index, field, &value);
}

static void
set_reference (SimStore   *store,
               SimTable   *table,
               guint64     index,
               const char *name)
{
  SimField *field = sim_object_lookup_field (table->object, name);
  SimValue value = { .kind = SIM_VALUE_STRING };

  if (field == NULL)
    return;
  sim_make_id (value.buf, "005", 1);
  value.str = value.buf;
  value.len = 18;
  sim_store_set_value (table, index, field, &value);
}

void
sim_store_touch (SimStore *store,
                 SimTable *table,
                 guint64   index,
                 gint64    now_ms)
{
  now_ms -= now_ms % 1000;
  set_datetime (table, index, "LastModifiedDate", now_ms);
  set_datetime (table, index, "SystemModstamp", now_ms);
  set_reference (store, table, index, "LastModifiedById");
}

guint64
sim_store_create (SimStore *store,
                  SimTable *table,
                  gint64    now_ms)
{
  guint64 index = sim_table_size (table);

  table->n_created++;
  sim_table_ensure_overlay (table, index);
  set_datetime (table, index, "CreatedDate", now_ms - now_ms % 1000);
  set_reference (store, table, index, "CreatedById");
  set_reference (store, table, index, "OwnerId");
  sim_store_touch (store, table, index, now_ms);
  return index;
}

void
sim_store_delete (SimStore *store,
                  SimTable *table,
                  guint64   index,
                  gint64    now_ms)
{
  SimOverlay *overlay = sim_table_ensure_overlay (table, index);

  if (overlay->flags & (SIM_OVERLAY_DELETED | SIM_OVERLAY_PURGED))
    return;
  overlay->flags |= SIM_OVERLAY_DELETED;
  overlay->deleted_at = now_ms - now_ms % 1000;
  table->n_deleted++;
  sim_store_touch (store, table, index, now_ms);
}

void
sim_store_undelete (SimStore *store,
                    SimTable *table,
                    guint64   index,
                    gint64    now_ms)
{
  SimOverlay *overlay = sim_table_overlay (table, index);

  if (overlay == NULL || !(overlay->flags & SIM_OVERLAY_DELETED))
    return;
  overlay->flags &= ~SIM_OVERLAY_DELETED;
  table->n_deleted--;
  sim_store_touch (store, table, index, now_ms);
}

void
sim_store_purge (SimTable *table,
                 guint64   index)
{
  SimOverlay *overlay = sim_table_ensure_overlay (table, index);

  if (overlay->flags & SIM_OVERLAY_PURGED)
    return;
  if (overlay->flags & SIM_OVERLAY_DELETED)
    table->n_deleted--;
  overlay->flags = (overlay->flags & ~SIM_OVERLAY_DELETED) | SIM_OVERLAY_PURGED;
  g_array_set_size (overlay->values, 0);
  table->n_purged++;
}

guint
sim_store_object_access (SimStore  *store,
                         SimObject *object)
{
  g_autofree char *lower = g_ascii_strdown (object->name, -1);
  gpointer value;

  if (!g_hash_table_lookup_extended (store->perms.object_access, lower, NULL, &value))
    return SIM_ACCESS_ALL;
  return GPOINTER_TO_UINT (value);
}

void
sim_value_set_string (SimValue   *value,
                      const char *str)
{
  value->kind = str ? SIM_VALUE_STRING : SIM_VALUE_NULL;
  value->str = str;
  value->len = str ? (int) strlen (str) : 0;
}

/* Nulls sort first, as in SOQL's default NULLS FIRST for ascending order. */
int
sim_value_compare (const SimValue *a,
                   const SimValue *b)
{
  if (a->kind == SIM_VALUE_NULL || b->kind == SIM_VALUE_NULL)
    return (a->kind != SIM_VALUE_NULL) - (b->kind != SIM_VALUE_NULL);

  switch (a->kind)
    {
    case SIM_VALUE_STRING:
      {
        int n = MIN (a->len, b->len);
        int r = g_ascii_strncasecmp (a->str, b->str, n);

        if (r != 0)
          return r;
        return (a->len > b->len) - (a->len < b->len);
      }
    case SIM_VALUE_DOUBLE:
      {
        double bd = b->kind == SIM_VALUE_DOUBLE ? b->d : (double) b->i;

        return (a->d > bd) - (a->d < bd);
      }
    case SIM_VALUE_INT:
      if (b->kind == SIM_VALUE_DOUBLE)
        return ((double) a->i > b->d) - ((double) a->i < b->d);
      return (a->i > b->i) - (a->i < b->i);
    case SIM_VALUE_BOOL:
    case SIM_VALUE_DATE:
    case SIM_VALUE_DATETIME:
      return (a->i > b->i) - (a->i < b->i);
    case SIM_VALUE_NULL:
    case SIM_VALUE_COMPOUND:
    default:
      return 0;
    }
}
