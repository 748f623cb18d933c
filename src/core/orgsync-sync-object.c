/* orgsync-sync-object.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-error.h"
#include "orgsync-field.h"
#include "orgsync-identifier.h"
#include "orgsync-sync-object.h"
#include "orgsync-value.h"
#include "sf-error.h"

/* The column plan of one object and the writer-thread half of a page: turning a
 * query page (JSON from /composite, or an SfRecordBatch from sf) into the records
 * store's cells, without an object per record, and writing it with its checkpoint. */

OrgsyncSyncObject *
orgsync_sync_object_new (const char *name)
{
  OrgsyncSyncObject *self = g_new0 (OrgsyncSyncObject, 1);

  self->name = g_strdup (name);
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->specs = g_array_new (FALSE, TRUE, sizeof (OrgsyncColumnSpec));
  self->sf_types = g_array_new (FALSE, TRUE, sizeof (SfFieldType));
  self->missing = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
orgsync_sync_object_free (OrgsyncSyncObject *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_clear_pointer (&self->describe, sf_sobject_describe_unref);
  g_ptr_array_unref (self->columns);
  g_array_unref (self->specs);
  g_array_unref (self->sf_types);
  g_ptr_array_unref (self->missing);
  g_clear_pointer (&self->state, orgsync_object_state_free);
  g_strfreev (self->backfills);
  g_free (self->covered_after_reconcile);
  g_free (self->error_message);
  g_free (self->error_code);
  g_free (self);
}

static gboolean
name_in (const char * const *names,
         const char         *name)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      return TRUE;

  return FALSE;
}

/* Required fields are always synced: Id, the replication key and IsDeleted. */
static gboolean
is_required (OrgsyncSyncObject *self,
             const char        *name)
{
  return strcmp (name, "Id") == 0 || strcmp (name, "IsDeleted") == 0 ||
         g_strcmp0 (name, self->replication_key) == 0;
}

static void
add_column (OrgsyncSyncObject *self,
            const SfField     *field)
{
  OrgsyncColumnSpec spec;

  g_ptr_array_add (self->columns, g_strdup (field->name));
  g_array_append_val (self->sf_types, field->type);
  spec.name = NULL;
  spec.type = orgsync_field_type_from_string (field->type_name);
  g_array_append_val (self->specs, spec);
  if (!sf_field_type_is_bulk_selectable (field->type))
    self->bulk_compatible = FALSE;
}

static gboolean
wanted (OrgsyncSyncObject  *self,
        const SfField      *field,
        const char * const *selected)
{
  if (field->type == SF_FIELD_TYPE_ADDRESS || field->type == SF_FIELD_TYPE_LOCATION)
    return FALSE;   /* compound: its component fields are columns instead */

  return is_required (self, field->name) || name_in (selected, field->name) ||
         (field->compound_field_name != NULL && name_in (selected, field->compound_field_name));
}

static void
note_missing (OrgsyncSyncObject  *self,
              const char * const *selected)
{
  for (guint i = 0; selected != NULL && selected[i] != NULL; i++)
    if (sf_sobject_describe_find_field (self->describe, selected[i]) == NULL)
      g_ptr_array_add (self->missing, g_strdup (selected[i]));
}

/**
 * orgsync_sync_object_plan_columns:
 * @selected: the committed field names of this object
 *
 * Works out the columns from the describe: every selected field that the org still
 * has, compound fields as their components, plus the required ones. Names the
 * describe no longer has are collected in @missing (the engine repairs the selection).
 */
gboolean
orgsync_sync_object_plan_columns (OrgsyncSyncObject   *self,
                                  const char * const  *selected,
                                  GError             **error)
{
  const SfField *id;

  g_return_val_if_fail (self->describe != NULL, FALSE);

  g_ptr_array_set_size (self->columns, 0);
  g_array_set_size (self->specs, 0);
  g_array_set_size (self->sf_types, 0);
  g_ptr_array_set_size (self->missing, 0);
  self->bulk_compatible = TRUE;
  self->has_is_deleted = sf_sobject_describe_find_field (self->describe, "IsDeleted") != NULL;
  self->replication_key = sf_sobject_describe_find_field (self->describe, "SystemModstamp") ? "SystemModstamp"
                          : sf_sobject_describe_find_field (self->describe, "LastModifiedDate") ? "LastModifiedDate"
                          : NULL;

  if ((id = sf_sobject_describe_find_field (self->describe, "Id")) == NULL)
    {
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA,
                   _("“%s” has no Id field and cannot be synced."), self->name);
      return FALSE;
    }

  add_column (self, id);
  for (guint i = 0; i < sf_sobject_describe_get_n_fields (self->describe); i++)
    {
      const SfField *field = sf_sobject_describe_get_field (self->describe, i);

      if (strcmp (field->name, "Id") != 0 && wanted (self, field, selected))
        {
          if (!orgsync_api_name_validate (field->name, error))
            return FALSE;
          add_column (self, field);
        }
    }

  for (guint i = 0; i < self->columns->len; i++)
    g_array_index (self->specs, OrgsyncColumnSpec, i).name = g_ptr_array_index (self->columns, i);

  note_missing (self, selected);
  return TRUE;
}

/**
 * orgsync_sync_object_new_builder:
 * @only_columns: (nullable): a subset of the columns (a backfill), or %NULL for all
 *
 * Returns: (transfer full): SELECT of the columns, not yet filtered or ordered
 */
SfSoqlBuilder *
orgsync_sync_object_new_builder (OrgsyncSyncObject  *self,
                                 const char * const *only_columns)
{
  SfSoqlBuilder *builder = sf_soql_builder_new (self->name);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const char *column = g_ptr_array_index (self->columns, i);

      if (only_columns == NULL || i == 0 || name_in (only_columns, column))
        sf_soql_builder_add_field (builder, column, g_array_index (self->sf_types, SfFieldType, i));
    }

  return builder;
}

/**
 * orgsync_sync_object_dup_position:
 * @last_id: (out): the Id part
 *
 * Returns: (nullable): the stamp of an unfinished full sync's position
 */
char *
orgsync_sync_object_dup_position (OrgsyncSyncObject  *self,
                                  char              **last_id)
{
  const char *position = self->state ? self->state->full_sync_position : NULL;
  const char *bar = position ? strchr (position, '|') : NULL;

  *last_id = NULL;
  if (bar == NULL || self->mode != ORGSYNC_SYNC_MODE_FULL)
    return NULL;

  *last_id = g_strdup (bar + 1);
  return g_strndup (position, bar - position);
}

void
orgsync_sync_object_set_error (OrgsyncSyncObject *self,
                               const GError      *error)
{
  g_free (self->error_message);
  g_free (self->error_code);
  self->error_message = g_strdup (error->message);
  self->error_code = error->domain == SF_ERROR ? g_strdup (sf_error_code_to_string (error->code)) : NULL;
}

/*
 * Pages
 */

OrgsyncSyncPage *
orgsync_sync_page_new (OrgsyncSyncObject  *object,
                       OrgsyncPageKind     kind,
                       const char * const *columns)
{
  OrgsyncSyncPage *page = g_new0 (OrgsyncSyncPage, 1);

  page->object = g_strdup (object->name);
  page->kind = kind;
  if (columns != NULL)
    page->columns = g_strdupv ((char **) columns);
  else
    {
      page->columns = g_new0 (char *, object->columns->len + 1);
      for (guint i = 0; i < object->columns->len; i++)
        page->columns[i] = g_strdup (g_ptr_array_index (object->columns, i));
    }
  page->replication_key = g_strdup (object->replication_key);
  page->deleted_column = kind == ORGSYNC_PAGE_INCREMENTAL && object->has_is_deleted;

  return page;
}

void
orgsync_sync_page_free (OrgsyncSyncPage *page)
{
  if (page == NULL)
    return;

  g_free (page->object);
  g_strfreev (page->columns);
  g_free (page->replication_key);
  g_clear_pointer (&page->json, json_node_unref);
  g_clear_pointer (&page->batch, sf_record_batch_unref);
  g_strfreev (page->deleted_ids);
  g_free (page->deletes_covered);
  g_free (page->keep_position);
  g_free (page->last_stamp);
  g_free (page->last_id);
  g_free (page);
}

/* Rows as cells, the deletions split off. */
typedef struct
{
  GArray    *values;      /* OrgsyncValue, n_columns per row */
  GPtrArray *deleted;     /* const char * */
  int        id_column;
  int        stamp_column;
  int        deleted_column;
  char       stamp[ORGSYNC_DATETIME_BUFFER_SIZE];
  gboolean   has_stamp;
} Cells;

static int
column_index (GStrv       columns,
              const char *name)
{
  for (guint i = 0; name != NULL && columns[i] != NULL; i++)
    if (g_ascii_strcasecmp (columns[i], name) == 0)
      return i;

  return -1;
}

static void
value_from_json (OrgsyncValue *value,
                 JsonNode     *node)
{
  GType type;

  memset (value, 0, sizeof *value);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return;   /* null, or an object a compound field would be: not a column */

  type = json_node_get_value_type (node);
  if (type == G_TYPE_BOOLEAN)
    {
      value->kind = ORGSYNC_VALUE_BOOLEAN;
      value->v.boolean = json_node_get_boolean (node);
    }
  else if (type == G_TYPE_INT64)
    {
      value->kind = ORGSYNC_VALUE_INTEGER;
      value->v.integer = json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      value->kind = ORGSYNC_VALUE_REAL;
      value->v.real = json_node_get_double (node);
    }
  else if (type == G_TYPE_STRING)
    {
      value->kind = ORGSYNC_VALUE_TEXT;
      value->length = -1;
      value->v.text = json_node_get_string (node);
    }
}

static void
value_from_sf (OrgsyncValue  *value,
               const SfValue *sf)
{
  memset (value, 0, sizeof *value);
  switch (sf->kind)
    {
    case SF_VALUE_INTEGER:
      value->kind = ORGSYNC_VALUE_INTEGER;
      value->v.integer = sf->integer;
      break;
    case SF_VALUE_REAL:
      value->kind = ORGSYNC_VALUE_REAL;
      value->v.real = sf->real;
      break;
    case SF_VALUE_TEXT:
      value->kind = ORGSYNC_VALUE_TEXT;
      value->length = sf->length;
      value->v.text = sf->text;
      break;
    case SF_VALUE_NULL:
    default:
      break;
    }
}

static gboolean
value_is_true (const OrgsyncValue *value)
{
  switch (value->kind)
    {
    case ORGSYNC_VALUE_BOOLEAN:
      return value->v.boolean;
    case ORGSYNC_VALUE_INTEGER:
      return value->v.integer != 0;
    case ORGSYNC_VALUE_TEXT:
      return orgsync_value_parse_boolean (value->v.text, value->length) == 1;
    case ORGSYNC_VALUE_NULL:
    case ORGSYNC_VALUE_REAL:
    default:
      return FALSE;
    }
}

/* Texts are NUL-terminated both in JSON nodes and in sf's batches. */
static const char *
value_text (const OrgsyncValue *value)
{
  return value->kind == ORGSYNC_VALUE_TEXT ? value->v.text : NULL;
}

/* Keeps the row (or its Id as a deletion) and remembers the last position. */
static void
add_row (OrgsyncSyncPage    *page,
         Cells              *cells,
         const OrgsyncValue *row,
         guint               n_columns)
{
  const char *id = cells->id_column >= 0 ? value_text (&row[cells->id_column]) : NULL;

  if (id == NULL)
    return;

  if (cells->stamp_column >= 0)
    {
      const char *text = value_text (&row[cells->stamp_column]);

      if (text != NULL && orgsync_value_normalize_datetime (text, -1, cells->stamp))
        cells->has_stamp = TRUE;
    }

  g_free (page->last_id);
  page->last_id = g_strdup (id);

  if (cells->deleted_column >= 0 && value_is_true (&row[cells->deleted_column]))
    {
      g_ptr_array_add (cells->deleted, (gpointer) id);
      return;
    }

  g_array_append_vals (cells->values, row, n_columns);
}

static void
collect_json (OrgsyncSyncPage *page,
              Cells           *cells,
              guint            n_columns)
{
  JsonObject *root = json_node_get_object (page->json);
  JsonNode *records = json_object_get_member (root, "records");
  JsonArray *array = records && JSON_NODE_HOLDS_ARRAY (records) ? json_node_get_array (records) : NULL;
  g_autofree OrgsyncValue *row = g_new0 (OrgsyncValue, n_columns);

  for (guint r = 0; array != NULL && r < json_array_get_length (array); r++)
    {
      JsonNode *element = json_array_get_element (array, r);
      JsonObject *record;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      record = json_node_get_object (element);
      for (guint c = 0; c < n_columns; c++)
        value_from_json (&row[c], json_object_get_member (record, page->columns[c]));
      add_row (page, cells, row, n_columns);
      page->n_rows++;
    }
}

static void
collect_batch (OrgsyncSyncPage *page,
               Cells           *cells,
               guint            n_columns)
{
  g_autofree int *map = g_new (int, n_columns);
  g_autofree OrgsyncValue *row = g_new0 (OrgsyncValue, n_columns);
  guint n_rows = sf_record_batch_get_n_rows (page->batch);

  for (guint c = 0; c < n_columns; c++)
    map[c] = sf_record_batch_find_column (page->batch, page->columns[c]);

  for (guint r = 0; r < n_rows; r++)
    {
      const SfValue *values = sf_record_batch_get_row (page->batch, r);

      for (guint c = 0; c < n_columns; c++)
        {
          if (map[c] >= 0)
            value_from_sf (&row[c], &values[map[c]]);
          else
            memset (&row[c], 0, sizeof row[c]);
        }
      add_row (page, cells, row, n_columns);
    }
  page->n_rows = n_rows;
}

static void
make_checkpoint (OrgsyncSyncPage   *page,
                 Cells             *cells,
                 OrgsyncCheckpoint *checkpoint,
                 char             **position)
{
  memset (checkpoint, 0, sizeof *checkpoint);
  checkpoint->deletes_covered = page->deletes_covered;

  if (cells->has_stamp)
    page->last_stamp = g_strdup (cells->stamp);

  switch (page->kind)
    {
    case ORGSYNC_PAGE_FULL:
      checkpoint->high_water_mark = page->last_stamp;
      if (!page->complete && page->last_stamp != NULL && page->last_id != NULL)
        *position = g_strdup_printf ("%s|%s", page->last_stamp, page->last_id);
      checkpoint->position = *position;
      checkpoint->complete = page->complete;
      break;
    case ORGSYNC_PAGE_INCREMENTAL:
      checkpoint->high_water_mark = page->last_stamp;
      checkpoint->complete = TRUE;
      break;
    case ORGSYNC_PAGE_BACKFILL:
      checkpoint->position = page->last_id;
      checkpoint->complete = page->complete;
      break;
    case ORGSYNC_PAGE_DELETIONS:
      checkpoint->position = page->keep_position;
      break;
    case ORGSYNC_PAGE_IDS:
    default:
      break;
    }
}

static gboolean
write_ids (OrgsyncRecordsStore  *store,
           OrgsyncSyncPage      *page,
           Cells                *cells,
           GError              **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint n = g_strv_length (page->columns);

  for (guint i = 0; i < cells->values->len / MAX (n, 1); i++)
    {
      const char *id = value_text (&g_array_index (cells->values, OrgsyncValue, i * n + cells->id_column));

      if (id != NULL)
        g_ptr_array_add (ids, (gpointer) id);
    }

  return orgsync_records_store_reconcile_add_ids (store, (const char * const *) ids->pdata, ids->len, error);
}

/**
 * orgsync_sync_page_write:
 * @page: an #OrgsyncSyncPage
 *
 * Writer thread: converts the page and writes its rows, its deletions and its
 * checkpoint in one transaction (an %ORGSYNC_PAGE_IDS page adds to a reconciliation).
 */
gboolean
orgsync_sync_page_write (OrgsyncRecordsStore  *store,
                         gpointer              data,
                         GError              **error)
{
  OrgsyncSyncPage *page = data;
  guint n_columns = g_strv_length (page->columns);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (OrgsyncValue));
  g_autoptr(GPtrArray) deleted = g_ptr_array_new ();
  g_autofree char *position = NULL;
  OrgsyncCheckpoint checkpoint;
  OrgsyncPageWriter *writer;
  Cells cells = { values, deleted, -1, -1, -1, { 0 }, FALSE };

  if (page->flush)
    return orgsync_records_store_commit_pages (store, &page->stats, error);

  cells.id_column = column_index (page->columns, "Id");
  cells.stamp_column = column_index (page->columns, page->replication_key);
  cells.deleted_column = page->deleted_column ? column_index (page->columns, "IsDeleted") : -1;

  if (page->json != NULL && JSON_NODE_HOLDS_OBJECT (page->json))
    collect_json (page, &cells, n_columns);
  else if (page->batch != NULL)
    collect_batch (page, &cells, n_columns);

  if (page->kind == ORGSYNC_PAGE_IDS)
    return write_ids (store, page, &cells, error);

  for (guint i = 0; page->deleted_ids != NULL && page->deleted_ids[i] != NULL; i++)
    g_ptr_array_add (deleted, page->deleted_ids[i]);

  make_checkpoint (page, &cells, &checkpoint, &position);
  writer = orgsync_records_store_prepare_writer (store, page->object, (const char * const *) page->columns,
                                                 n_columns,
                                                 page->kind == ORGSYNC_PAGE_BACKFILL ? ORGSYNC_WRITE_UPDATE_ONLY
                                                                                     : ORGSYNC_WRITE_UPSERT,
                                                 error);
  if (writer == NULL)
    return FALSE;

  return orgsync_records_store_write_page (store, writer, (const OrgsyncValue *) values->data,
                                           values->len / MAX (n_columns, 1),
                                           (const char * const *) deleted->pdata, deleted->len,
                                           &checkpoint, &page->stats, error) &&
         (page->grouped || orgsync_records_store_commit_pages (store, &page->stats, error));
}

/**
 * orgsync_sync_prepare_schema:
 * @object: an #OrgsyncSyncObject with planned columns
 *
 * Writer thread: brings the object's table to its columns (new ones are noted for
 * their narrow backfill) and reads its checkpoint.
 */
gboolean
orgsync_sync_prepare_schema (OrgsyncRecordsStore  *store,
                             gpointer              data,
                             GError              **error)
{
  OrgsyncSyncObject *self = data;

  if (!orgsync_records_store_sync_schema (store, self->name, (const OrgsyncColumnSpec *) self->specs->data,
                                          self->specs->len, NULL, error))
    return FALSE;

  g_clear_pointer (&self->state, orgsync_object_state_free);
  g_clear_pointer (&self->backfills, g_strfreev);
  self->state = orgsync_records_store_get_object_state (store, self->name, error);
  if (self->state == NULL)
    return FALSE;

  self->backfills = orgsync_records_store_list_backfills (store, self->name, error);
  if (self->backfills == NULL)
    return FALSE;

  self->local_rows = orgsync_records_store_count_rows (store, self->name, error);
  return self->local_rows >= 0;
}
