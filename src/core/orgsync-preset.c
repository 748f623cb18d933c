/* orgsync-preset.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "orgsync-core-resources.h"
#include "orgsync-error.h"
#include "orgsync-identifier.h"
#include "orgsync-preset.h"
#include "orgsync-sobject.h"

/* A data preset: a named field selection over the standard objects (design.md §8 ids).
 * The presets are data, data/presets/orgsync-presets.xml compiled into this library's
 * GResource; their names and descriptions are extracted for translators through an
 * ITS rule and translated here at load time with the app's gettext domain. */
struct _OrgsyncPreset
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *description;
  GPtrArray  *objects;   /* char *, NULL-terminated */
  GHashTable *fields;    /* object → GStrv */

  guint       recommended : 1;
};

G_DEFINE_FINAL_TYPE (OrgsyncPreset, orgsync_preset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_ID,
  PROP_NAME,
  PROP_RECOMMENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PRESETS_RESOURCE "/io/github/orgsync/OrgSync/presets/presets.xml"

static void
orgsync_preset_finalize (GObject *object)
{
  OrgsyncPreset *self = (OrgsyncPreset *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (orgsync_preset_parent_class)->finalize (object);
}

static void
orgsync_preset_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OrgsyncPreset *self = ORGSYNC_PRESET (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_RECOMMENDED:
      g_value_set_boolean (value, self->recommended);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orgsync_preset_class_init (OrgsyncPresetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orgsync_preset_finalize;
  object_class->get_property = orgsync_preset_get_property;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECOMMENDED] =
    g_param_spec_boolean ("recommended", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orgsync_preset_init (OrgsyncPreset *self)
{
  self->objects = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->objects, NULL);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
}

/*
 * Parsing
 */

typedef struct
{
  OrgsyncTranslateFunc  translate;
  gpointer              user_data;
  GPtrArray            *presets;
  OrgsyncPreset        *current;
  char                 *object;
  GPtrArray            *object_fields;
  GString              *text;
  gboolean              in_text;
  gboolean              translatable;
} ParseState;

static const char *
translate_default (const char *msgid,
                   gpointer    user_data)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/* xgettext collapses runs of whitespace in what it extracts; do the same so that the
 * runtime lookup finds the msgid. */
static char *
collapse_whitespace (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  g_autoptr(GString) collapsed = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (collapsed->len > 0)
        g_string_append_c (collapsed, ' ');
      g_string_append (collapsed, words[i]);
    }

  return g_string_free (g_steal_pointer (&collapsed), FALSE);
}

static gboolean
valid_preset_id (const char *id)
{
  if (id == NULL || id[0] == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_invalid (GError     **error,
             const char  *what)
{
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "%s", what);
  return FALSE;
}

static gboolean
start_preset (ParseState   *state,
              const char  **names,
              const char  **values,
              GError      **error)
{
  const char *id = NULL;
  const char *recommended = NULL;

  if (!g_markup_collect_attributes ("preset", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "recommended", &recommended,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;

  if (!valid_preset_id (id))
    return set_invalid (error, "a preset id must be lowercase letters, digits and dashes");

  for (guint i = 0; i < state->presets->len; i++)
    {
      if (strcmp (ORGSYNC_PRESET (g_ptr_array_index (state->presets, i))->id, id) == 0)
        return set_invalid (error, "two presets have the same id");
    }

  state->current = g_object_new (ORGSYNC_TYPE_PRESET, NULL);
  state->current->id = g_strdup (id);
  state->current->recommended = g_strcmp0 (recommended, "true") == 0;
  g_ptr_array_add (state->presets, state->current);

  return TRUE;
}

static gboolean
start_object (ParseState   *state,
              const char  **names,
              const char  **values,
              GError      **error)
{
  const char *name = NULL;

  if (!g_markup_collect_attributes ("object", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "name", &name,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;

  if (!orgsync_api_name_validate (name, NULL))
    return set_invalid (error, "an object name is not an API name");
  if (g_hash_table_contains (state->current->fields, name))
    return set_invalid (error, "an object is listed twice in one preset");

  state->object = g_strdup (name);
  state->object_fields = g_ptr_array_new_with_free_func (g_free);

  return TRUE;
}

static gboolean
start_text (ParseState   *state,
            const char   *element,
            const char  **names,
            const char  **values,
            GError      **error)
{
  const char *translatable = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                    "translatable", &translatable,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;

  state->in_text = TRUE;
  state->translatable = g_strcmp0 (translatable, "yes") == 0;
  g_string_truncate (state->text, 0);

  return TRUE;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  const char *parent = NULL;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  if (stack->next != NULL)
    parent = stack->next->data;

  if (strcmp (element, "presets") == 0 && parent == NULL)
    g_markup_collect_attributes (element, names, values, error, G_MARKUP_COLLECT_INVALID, NULL);
  else if (strcmp (element, "preset") == 0 && g_strcmp0 (parent, "presets") == 0)
    start_preset (state, names, values, error);
  else if ((strcmp (element, "name") == 0 || strcmp (element, "description") == 0) &&
           g_strcmp0 (parent, "preset") == 0)
    start_text (state, element, names, values, error);
  else if (strcmp (element, "object") == 0 && g_strcmp0 (parent, "preset") == 0)
    start_object (state, names, values, error);
  else if (strcmp (element, "field") == 0 && g_strcmp0 (parent, "object") == 0)
    start_text (state, element, names, values, error);
  else
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                 "unexpected element <%s>", element);
}

static gboolean
end_field (ParseState  *state,
           const char  *text,
           GError     **error)
{
  if (!orgsync_api_name_validate (text, NULL))
    return set_invalid (error, "a field name is not an API name");

  g_ptr_array_add (state->object_fields, g_strdup (text));

  return TRUE;
}

static void
end_object (ParseState *state)
{
  g_ptr_array_add (state->object_fields, NULL);
  g_ptr_array_insert (state->current->objects, state->current->objects->len - 1, g_strdup (state->object));
  g_hash_table_insert (state->current->fields, g_steal_pointer (&state->object),
                       g_ptr_array_free (g_steal_pointer (&state->object_fields), FALSE));
}

static gboolean
end_preset (ParseState  *state,
            GError     **error)
{
  if (state->current->name == NULL || state->current->description == NULL)
    return set_invalid (error, "a preset needs a name and a description");
  if (state->current->objects->len <= 1)
    return set_invalid (error, "a preset needs at least one object");

  state->current = NULL;

  return TRUE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;
  g_autofree char *text = NULL;

  if (state->in_text)
    {
      text = collapse_whitespace (state->text->str);
      state->in_text = FALSE;
    }

  if (strcmp (element, "field") == 0)
    end_field (state, text, error);
  else if (strcmp (element, "object") == 0)
    end_object (state);
  else if (strcmp (element, "preset") == 0)
    end_preset (state, error);
  else if (strcmp (element, "name") == 0 || strcmp (element, "description") == 0)
    {
      const char *shown = state->translatable && text[0] != '\0'
                            ? state->translate (text, state->user_data)
                            : text;
      char **slot = element[0] == 'n' ? &state->current->name : &state->current->description;

      g_free (*slot);
      *slot = g_strdup (shown);
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->in_text)
    g_string_append_len (state->text, text, text_len);
}

static const GMarkupParser parser = {
  start_element,
  end_element,
  text_cb,
  NULL,
  NULL,
};

/**
 * orgsync_preset_list_load_full:
 * @xml: the presets document
 * @translate: (nullable): how to translate names and descriptions; %NULL for the
 *   app's gettext domain
 *
 * Returns: (transfer full): a #GListModel of #OrgsyncPreset in file order, or %NULL
 */
GListModel *
orgsync_preset_list_load_full (GBytes                *xml,
                               OrgsyncTranslateFunc   translate,
                               gpointer               user_data,
                               GError               **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) presets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  ParseState state = { translate != NULL ? translate : translate_default, user_data, presets,
                       NULL, NULL, NULL, text, FALSE, FALSE };
  gsize size;
  const char *data = g_bytes_get_data (xml, &size);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);

  if (!g_markup_parse_context_parse (context, data, size, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_clear_pointer (&state.object, g_free);
      g_clear_pointer (&state.object_fields, g_ptr_array_unref);
      g_set_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA,
                   _("Could not read the data presets: %s"), local_error->message);
      return NULL;
    }

  store = g_list_store_new (ORGSYNC_TYPE_PRESET);
  g_list_store_splice (store, 0, 0, presets->pdata, presets->len);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * orgsync_preset_list_load:
 *
 * Loads the shipped presets, translated into the current language.
 *
 * Returns: (transfer full): a #GListModel of #OrgsyncPreset, or %NULL
 */
GListModel *
orgsync_preset_list_load (GError **error)
{
  g_autoptr(GBytes) xml = NULL;

  xml = g_resource_lookup_data (orgsync_core_get_resource (), PRESETS_RESOURCE,
                                G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (xml == NULL)
    return NULL;

  return orgsync_preset_list_load_full (xml, NULL, NULL, error);
}

/**
 * orgsync_preset_list_lookup:
 *
 * Returns: (transfer none) (nullable): the preset with id @id
 */
OrgsyncPreset *
orgsync_preset_list_lookup (GListModel *presets,
                            const char *id)
{
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (presets), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n_items = g_list_model_get_n_items (presets);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OrgsyncPreset) preset = g_list_model_get_item (presets, i);

      if (g_strcmp0 (preset->id, id) == 0)
        return preset;
    }

  return NULL;
}

/*
 * Public API
 */

const char *
orgsync_preset_get_id (OrgsyncPreset *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PRESET (self), NULL);

  return self->id;
}

/* Translated. */
const char *
orgsync_preset_get_name (OrgsyncPreset *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PRESET (self), NULL);

  return self->name;
}

/* Translated: one line on the business focus the preset serves. */
const char *
orgsync_preset_get_description (OrgsyncPreset *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PRESET (self), NULL);

  return self->description;
}

gboolean
orgsync_preset_get_recommended (OrgsyncPreset *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PRESET (self), FALSE);

  return self->recommended;
}

/**
 * orgsync_preset_get_objects:
 *
 * Returns: (transfer none): the objects the preset selects fields of, in file order
 */
const char * const *
orgsync_preset_get_objects (OrgsyncPreset *self)
{
  g_return_val_if_fail (ORGSYNC_IS_PRESET (self), NULL);

  return (const char * const *) self->objects->pdata;
}

/**
 * orgsync_preset_get_fields:
 *
 * Returns: (transfer none) (nullable): the fields of @object the preset selects
 */
const char * const *
orgsync_preset_get_fields (OrgsyncPreset *self,
                           const char    *object)
{
  g_return_val_if_fail (ORGSYNC_IS_PRESET (self), NULL);

  return g_hash_table_lookup (self->fields, object);
}

/**
 * orgsync_preset_apply:
 * @sobjects: a #GListModel of #OrgsyncSObject (the org's objects)
 * @missing: (nullable) (element-type utf8): where to add what the org does not have:
 *   "Object.Field" for a field, "Object" for a whole object
 *
 * Makes the selection exactly the preset's: its fields on its objects (plus their
 * locked fields), nothing on other objects. Take a snapshot first with
 * orgsync_sobject_list_save_selection() to offer an undo.
 *
 * Returns: %TRUE when the org has everything the preset names
 */
gboolean
orgsync_preset_apply (OrgsyncPreset *self,
                      GListModel    *sobjects,
                      GPtrArray     *missing)
{
  gboolean complete = TRUE;
  guint n_items;

  g_return_val_if_fail (ORGSYNC_IS_PRESET (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (sobjects), FALSE);

  n_items = g_list_model_get_n_items (sobjects);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(OrgsyncSObject) sobject = g_list_model_get_item (sobjects, i);
      const char * const *fields = orgsync_preset_get_fields (self, orgsync_sobject_get_name (sobject));

      if (fields == NULL)
        orgsync_sobject_set_selected (sobject, FALSE);
      else if (!orgsync_sobject_select_fields (sobject, fields, TRUE, missing))
        complete = FALSE;
    }

  for (guint i = 0; i + 1 < self->objects->len; i++)
    {
      const char *object = g_ptr_array_index (self->objects, i);

      if (orgsync_sobject_list_lookup (sobjects, object) == NULL)
        {
          complete = FALSE;
          if (missing != NULL)
            g_ptr_array_add (missing, g_strdup (object));
        }
    }

  return complete;
}
