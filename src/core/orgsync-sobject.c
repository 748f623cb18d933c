/* orgsync-sobject.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "orgsync-sobject-private.h"

/* A Salesforce object ("table" in the GUI). It owns the tri-state selection of its
 * fields: every field toggle lands in _orgsync_sobject_field_toggled(), which adjusts
 * two counters, so a toggle costs O(1) and never rescans 200 fields. */
struct _OrgsyncSObject
{
  GObject     parent_instance;

  char       *name;
  char       *label;

  /* Owned references */
  GListStore *fields;
  GHashTable *by_name;        /* lazily built, ASCII case-insensitive */

  /* Borrowed: points into one of the fields' names */
  const char *replication_key;

  guint       n_fields;
  guint       n_selected;       /* all selected fields, locked ones included */
  guint       n_locked;
  guint       n_locked_selected;

  guint       custom : 1;
  guint       queryable : 1;
  guint       bulk_compatible : 1;
};

G_DEFINE_FINAL_TYPE (OrgsyncSObject, orgsync_sobject, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BULK_COMPATIBLE,
  PROP_CUSTOM,
  PROP_FIELDS,
  PROP_INCONSISTENT,
  PROP_LABEL,
  PROP_N_FIELDS,
  PROP_N_SELECTED,
  PROP_NAME,
  PROP_QUERYABLE,
  PROP_REPLICATION_KEY,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  guint    n_selected;
  gboolean selected;
  gboolean inconsistent;
} SelectionState;

/*
 * Auxiliary methods
 */

static guint
ascii_case_hash (gconstpointer key)
{
  const char *p = key;
  guint h = 5381;

  for (; *p != '\0'; p++)
    h = (h << 5) + h + (guint) g_ascii_tolower (*p);

  return h;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static OrgsyncField *
get_field (OrgsyncSObject *self,
           guint           position)
{
  /* GListStore returns a new reference; the store keeps its own, so drop ours. */
  OrgsyncField *field = g_list_model_get_item (G_LIST_MODEL (self->fields), position);

  g_object_unref (field);

  return field;
}

static void
capture_state (OrgsyncSObject *self,
               SelectionState *state)
{
  state->n_selected = self->n_selected;
  state->selected = orgsync_sobject_get_selected (self);
  state->inconsistent = orgsync_sobject_get_inconsistent (self);
}

static void
notify_state_changes (OrgsyncSObject       *self,
                      const SelectionState *before)
{
  SelectionState after;

  capture_state (self, &after);

  if (after.n_selected != before->n_selected)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
  if (after.selected != before->selected)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  if (after.inconsistent != before->inconsistent)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCONSISTENT]);
}

static void
store_field_selected (OrgsyncSObject *self,
                      OrgsyncField   *field,
                      gboolean        selected)
{
  if (!_orgsync_field_store_selected (field, selected))
    return;

  if (selected)
    self->n_selected++;
  else
    self->n_selected--;

  if (orgsync_field_get_locked (field))
    {
      if (selected)
        self->n_locked_selected++;
      else
        self->n_locked_selected--;
    }
}

/* Locked fields follow the object: all of them are selected as soon as any field is,
 * and deselected with the last unlocked field. At most three fields: O(1). */
static void
set_locked_fields_selected (OrgsyncSObject *self,
                            gboolean        selected)
{
  if (self->n_locked == 0)
    return;

  if (selected && self->n_locked_selected == self->n_locked)
    return;
  if (!selected && self->n_locked_selected == 0)
    return;

  for (guint i = 0; i < self->n_fields; i++)
    {
      OrgsyncField *field = get_field (self, i);

      if (orgsync_field_get_locked (field))
        store_field_selected (self, field, selected);
    }
}

static gboolean
is_locked_name (const char *name,
                const char *replication_key)
{
  return g_ascii_strcasecmp (name, "Id") == 0 ||
         g_ascii_strcasecmp (name, "IsDeleted") == 0 ||
         (replication_key != NULL && g_ascii_strcasecmp (name, replication_key) == 0);
}

/* SystemModstamp is the replication key Salesforce recommends; objects without it
 * fall back to LastModifiedDate, and objects with neither are always synced in full. */
static const char *
find_replication_key (const OrgsyncFieldInfo *infos,
                      guint                   n_infos)
{
  const char *fallback = NULL;

  for (guint i = 0; i < n_infos; i++)
    {
      if (g_ascii_strcasecmp (infos[i].name, "SystemModstamp") == 0)
        return "SystemModstamp";
      if (g_ascii_strcasecmp (infos[i].name, "LastModifiedDate") == 0)
        fallback = "LastModifiedDate";
    }

  return fallback;
}

static void
clear_fields (OrgsyncSObject *self)
{
  if (self->fields == NULL)
    return;

  for (guint i = 0; i < self->n_fields; i++)
    _orgsync_field_attach (get_field (self, i), NULL);

  g_list_store_remove_all (self->fields);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  self->replication_key = NULL;
  self->n_fields = self->n_selected = self->n_locked = self->n_locked_selected = 0;
  self->bulk_compatible = TRUE;
}

static void
ensure_index (OrgsyncSObject *self)
{
  if (self->by_name != NULL)
    return;

  self->by_name = g_hash_table_new (ascii_case_hash, ascii_case_equal);

  for (guint i = 0; i < self->n_fields; i++)
    {
      OrgsyncField *field = get_field (self, i);

      g_hash_table_insert (self->by_name, (gpointer) orgsync_field_get_name (field), field);
    }
}

/* A compound name (BillingAddress) stands for its components (BillingStreet, …). */
static gboolean
select_compound_components (OrgsyncSObject *self,
                            const char     *compound,
                            gboolean        selected)
{
  gboolean found = FALSE;

  for (guint i = 0; i < self->n_fields; i++)
    {
      OrgsyncField *field = get_field (self, i);
      const char *parent = orgsync_field_get_compound_parent (field);

      if (parent != NULL && g_ascii_strcasecmp (parent, compound) == 0)
        {
          orgsync_field_set_selected (field, selected);
          found = TRUE;
        }
    }

  return found;
}

/*
 * GObject
 */

static void
orgsync_sobject_dispose (GObject *object)
{
  OrgsyncSObject *self = (OrgsyncSObject *)object;

  clear_fields (self);

  G_OBJECT_CLASS (orgsync_sobject_parent_class)->dispose (object);
}

static void
orgsync_sobject_finalize (GObject *object)
{
  OrgsyncSObject *self = (OrgsyncSObject *)object;

  g_clear_object (&self->fields);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (orgsync_sobject_parent_class)->finalize (object);
}

static void
orgsync_sobject_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OrgsyncSObject *self = ORGSYNC_SOBJECT (object);

  switch (prop_id)
    {
    case PROP_BULK_COMPATIBLE:
      g_value_set_boolean (value, self->bulk_compatible);
      break;
    case PROP_CUSTOM:
      g_value_set_boolean (value, self->custom);
      break;
    case PROP_FIELDS:
      g_value_set_object (value, self->fields);
      break;
    case PROP_INCONSISTENT:
      g_value_set_boolean (value, orgsync_sobject_get_inconsistent (self));
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_N_FIELDS:
      g_value_set_uint (value, self->n_fields);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_QUERYABLE:
      g_value_set_boolean (value, self->queryable);
      break;
    case PROP_REPLICATION_KEY:
      g_value_set_string (value, self->replication_key);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, orgsync_sobject_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_sobject_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OrgsyncSObject *self = ORGSYNC_SOBJECT (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      orgsync_sobject_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_sobject_class_init (OrgsyncSObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = orgsync_sobject_dispose;
  object_class->finalize = orgsync_sobject_finalize;
  object_class->get_property = orgsync_sobject_get_property;
  object_class->set_property = orgsync_sobject_set_property;

  properties[PROP_BULK_COMPATIBLE] =
    g_param_spec_boolean ("bulk-compatible", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOM] =
    g_param_spec_boolean ("custom", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIELDS] =
    g_param_spec_object ("fields", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_INCONSISTENT] =
    g_param_spec_boolean ("inconsistent", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_FIELDS] =
    g_param_spec_uint ("n-fields", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_QUERYABLE] =
    g_param_spec_boolean ("queryable", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REPLICATION_KEY] =
    g_param_spec_string ("replication-key", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgsync_sobject_init (OrgsyncSObject *self)
{
  self->fields = g_list_store_new (ORGSYNC_TYPE_FIELD);
  self->bulk_compatible = TRUE;
}

/*
 * Private API
 */

void
_orgsync_sobject_field_toggled (OrgsyncSObject *self,
                                OrgsyncField   *field,
                                gboolean        selected)
{
  SelectionState before;
  guint n_unlocked_selected;

  g_assert (ORGSYNC_IS_SOBJECT (self));
  g_assert (ORGSYNC_IS_FIELD (field));

  if (orgsync_field_get_selected (field) == selected)
    return;

  capture_state (self, &before);
  n_unlocked_selected = self->n_selected - self->n_locked_selected;

  if (orgsync_field_get_locked (field))
    {
      /* Selecting a locked field includes the object; deselecting it is refused
       * while other fields sync, and excludes the object otherwise. */
      if (selected || n_unlocked_selected == 0)
        set_locked_fields_selected (self, selected);
      else
        _orgsync_field_notify_selected (field);
    }
  else
    {
      store_field_selected (self, field, selected);

      if (selected)
        set_locked_fields_selected (self, TRUE);
      else if (self->n_selected == self->n_locked_selected)
        set_locked_fields_selected (self, FALSE);
    }

  notify_state_changes (self, &before);
}

/*
 * Public API
 */

OrgsyncSObject *
orgsync_sobject_new (const char *name,
                     const char *label,
                     gboolean    custom,
                     gboolean    queryable)
{
  OrgsyncSObject *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (ORGSYNC_TYPE_SOBJECT, NULL);
  self->name = g_strdup (name);
  self->label = g_strdup (label != NULL ? label : name);
  self->custom = !!custom;
  self->queryable = !!queryable;

  return self;
}

/**
 * orgsync_sobject_set_fields:
 * @infos: (array length=n_infos): describe data of every field
 *
 * Replaces the fields, for example after a fresh describe. Compound address and
 * location fields are left out: their components are the columns. The selection of
 * fields that still exist is kept, so a field deleted in Salesforce simply drops out.
 */
void
orgsync_sobject_set_fields (OrgsyncSObject         *self,
                            const OrgsyncFieldInfo *infos,
                            guint                   n_infos)
{
  g_auto(GStrv) previous = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  SelectionState before;
  const char *replication_key;
  gboolean old_bulk;
  guint old_n_fields;

  g_return_if_fail (ORGSYNC_IS_SOBJECT (self));
  g_return_if_fail (infos != NULL || n_infos == 0);

  g_object_freeze_notify (G_OBJECT (self));

  capture_state (self, &before);
  old_n_fields = self->n_fields;
  old_bulk = self->bulk_compatible;
  previous = orgsync_sobject_dup_selected_field_names (self);
  clear_fields (self);

  replication_key = find_replication_key (infos, n_infos);
  fields = g_ptr_array_new_full (n_infos, g_object_unref);

  for (guint i = 0; i < n_infos; i++)
    {
      OrgsyncField *field;

      if (orgsync_field_type_is_compound (orgsync_field_type_from_string (infos[i].type)))
        continue;

      field = orgsync_field_new (&infos[i]);
      _orgsync_field_attach (field, self);
      g_ptr_array_add (fields, field);

      if (replication_key != NULL && strcmp (orgsync_field_get_name (field), replication_key) == 0)
        self->replication_key = orgsync_field_get_name (field);
      if (is_locked_name (orgsync_field_get_name (field), replication_key))
        {
          _orgsync_field_set_locked (field, TRUE);
          self->n_locked++;
        }
      if (!orgsync_field_get_bulk_compatible (field))
        self->bulk_compatible = FALSE;
    }

  self->n_fields = fields->len;
  g_list_store_splice (self->fields, 0, 0, fields->pdata, fields->len);

  orgsync_sobject_select_fields (self, (const char * const *) previous, FALSE, NULL);

  if (old_n_fields != self->n_fields)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FIELDS]);
  if (old_bulk != self->bulk_compatible)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BULK_COMPATIBLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLICATION_KEY]);
  notify_state_changes (self, &before);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
orgsync_sobject_get_name (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), NULL);

  return self->name;
}

const char *
orgsync_sobject_get_label (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), NULL);

  return self->label;
}

gboolean
orgsync_sobject_get_custom (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), FALSE);

  return self->custom;
}

gboolean
orgsync_sobject_get_queryable (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), FALSE);

  return self->queryable;
}

/**
 * orgsync_sobject_get_fields:
 *
 * Returns: (transfer none): a #GListModel of #OrgsyncField in describe order
 */
GListModel *
orgsync_sobject_get_fields (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), NULL);

  return G_LIST_MODEL (self->fields);
}

/**
 * orgsync_sobject_lookup_field:
 *
 * Salesforce API names are case-insensitive, and so is this lookup.
 *
 * Returns: (transfer none) (nullable): the field
 */
OrgsyncField *
orgsync_sobject_lookup_field (OrgsyncSObject *self,
                              const char     *name)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  ensure_index (self);

  return g_hash_table_lookup (self->by_name, name);
}

/**
 * orgsync_sobject_get_replication_key:
 *
 * Returns: (nullable): "SystemModstamp", "LastModifiedDate", or %NULL when the object
 *   has neither and can only be synced in full
 */
const char *
orgsync_sobject_get_replication_key (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), NULL);

  return self->replication_key;
}

/* FALSE when any field is base64: the engine then reads the object through REST. */
gboolean
orgsync_sobject_get_bulk_compatible (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), FALSE);

  return self->bulk_compatible;
}

guint
orgsync_sobject_get_n_fields (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), 0);

  return self->n_fields;
}

/* The number of fields that sync, locked ones included ("12 of 87 fields"). */
guint
orgsync_sobject_get_n_selected (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), 0);

  return self->n_selected;
}

/* TRUE when every field is selected (the check box is fully checked). */
gboolean
orgsync_sobject_get_selected (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), FALSE);

  return self->n_fields > 0 && self->n_selected == self->n_fields;
}

/* Selecting the object selects all its fields; deselecting it stops syncing it. */
void
orgsync_sobject_set_selected (OrgsyncSObject *self,
                              gboolean        selected)
{
  SelectionState before;

  g_return_if_fail (ORGSYNC_IS_SOBJECT (self));

  capture_state (self, &before);

  for (guint i = 0; i < self->n_fields; i++)
    store_field_selected (self, get_field (self, i), selected);

  notify_state_changes (self, &before);

  /* A binding that wrote TRUE into an object without fields must learn it stayed off. */
  if (before.selected == orgsync_sobject_get_selected (self) &&
      before.selected != !!selected)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* TRUE when some but not all fields are selected (the check box shows a dash). */
gboolean
orgsync_sobject_get_inconsistent (OrgsyncSObject *self)
{
  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), FALSE);

  return self->n_selected > 0 && self->n_selected < self->n_fields;
}

/**
 * orgsync_sobject_dup_selected_field_names:
 *
 * Returns: (transfer full): the API names of the selected fields in describe order
 */
char **
orgsync_sobject_dup_selected_field_names (OrgsyncSObject *self)
{
  GStrvBuilder *builder;
  char **names;

  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), NULL);

  builder = g_strv_builder_new ();

  for (guint i = 0; i < self->n_fields && self->n_selected > 0; i++)
    {
      OrgsyncField *field = get_field (self, i);

      if (orgsync_field_get_selected (field))
        g_strv_builder_add (builder, orgsync_field_get_name (field));
    }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return names;
}

/**
 * orgsync_sobject_select_fields:
 * @names: (nullable): API names of fields, or of compound fields (which stand for
 *   their components)
 * @replace: whether to deselect every field not in @names first
 * @missing: (nullable) (element-type utf8): where to add "Object.Field" for each name
 *   the object does not have
 *
 * Returns: %TRUE when every name was found
 */
gboolean
orgsync_sobject_select_fields (OrgsyncSObject     *self,
                               const char * const *names,
                               gboolean            replace,
                               GPtrArray          *missing)
{
  gboolean all_found = TRUE;

  g_return_val_if_fail (ORGSYNC_IS_SOBJECT (self), FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  if (replace)
    orgsync_sobject_set_selected (self, FALSE);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      OrgsyncField *field = orgsync_sobject_lookup_field (self, names[i]);

      if (field != NULL)
        orgsync_field_set_selected (field, TRUE);
      else if (!select_compound_components (self, names[i], TRUE))
        {
          all_found = FALSE;
          if (missing != NULL)
            g_ptr_array_add (missing, g_strdup_printf ("%s.%s", self->name, names[i]));
        }
    }

  g_object_thaw_notify (G_OBJECT (self));

  return all_found;
}

/**
 * orgsync_sobject_list_lookup:
 * @sobjects: a #GListModel of #OrgsyncSObject
 *
 * Returns: (transfer none) (nullable): the object named @name (case-insensitive)
 */
OrgsyncSObject *
orgsync_sobject_list_lookup (GListModel *sobjects,
                             const char *name)
{
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (sobjects), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n_items = g_list_model_get_n_items (sobjects);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);

      if (g_ascii_strcasecmp (sobject->name, name) == 0)
        return sobject;
    }

  return NULL;
}

/**
 * orgsync_sobject_list_save_selection:
 * @sobjects: a #GListModel of #OrgsyncSObject
 *
 * A snapshot of the whole selection as "Object.Field" strings, for an undo after a
 * preset, or for orgsync_database_save_selection().
 *
 * Returns: (transfer full): the selection
 */
char **
orgsync_sobject_list_save_selection (GListModel *sobjects)
{
  GStrvBuilder *builder;
  char **selection;
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (sobjects), NULL);

  builder = g_strv_builder_new ();
  n_items = g_list_model_get_n_items (sobjects);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);
      g_auto(GStrv) names = orgsync_sobject_dup_selected_field_names (sobject);

      for (guint j = 0; names[j] != NULL; j++)
        {
          g_autofree char *qualified = g_strdup_printf ("%s.%s", sobject->name, names[j]);

          /* g_strv_builder_take() needs GLib 2.80 */
          g_strv_builder_add (builder, qualified);
        }
    }

  selection = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return selection;
}

/* Puts back a snapshot of orgsync_sobject_list_save_selection(); names that no longer
 * exist are skipped. */
void
orgsync_sobject_list_restore_selection (GListModel         *sobjects,
                                        const char * const *selection)
{
  guint n_items;

  g_return_if_fail (G_IS_LIST_MODEL (sobjects));

  n_items = g_list_model_get_n_items (sobjects);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);

      orgsync_sobject_set_selected (sobject, FALSE);
    }

  for (guint i = 0; selection != NULL && selection[i] != NULL; i++)
    {
      const char *dot = strchr (selection[i], '.');
      g_autofree char *object_name = NULL;
      OrgsyncSObject *sobject;
      OrgsyncField *field;

      if (dot == NULL)
        continue;

      object_name = g_strndup (selection[i], dot - selection[i]);
      sobject = orgsync_sobject_list_lookup (sobjects, object_name);
      if (sobject == NULL)
        continue;

      field = orgsync_sobject_lookup_field (sobject, dot + 1);
      if (field != NULL)
        orgsync_field_set_selected (field, TRUE);
    }
}
