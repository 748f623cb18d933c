/* sim-describe.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-server-private.h"
#include "sim-util.h"

/* Describes carry every attribute Salesforce sends, in its alphabetical
 * order, with null/false/0 where an attribute does not apply. */

static void
append_bool (GString    *out,
             const char *key,
             gboolean    value)
{
  g_string_append_printf (out, "\"%s\":%s,", key, value ? "true" : "false");
}

static void
append_str (GString    *out,
            const char *key,
            const char *value)
{
  g_string_append_printf (out, "\"%s\":", key);
  if (value == NULL)
    g_string_append (out, "null");
  else
    sim_json_append_string (out, value, -1);
  g_string_append_c (out, ',');
}

static void
append_int (GString    *out,
            const char *key,
            gint64      value)
{
  g_string_append_printf (out, "\"%s\":%" G_GINT64_FORMAT ",", key, value);
}

static gboolean
is_text (SimFieldType type)
{
  return type == SIM_TYPE_STRING || type == SIM_TYPE_PICKLIST || type == SIM_TYPE_MULTIPICKLIST ||
         type == SIM_TYPE_TEXTAREA || type == SIM_TYPE_PHONE || type == SIM_TYPE_EMAIL ||
         type == SIM_TYPE_URL || type == SIM_TYPE_BASE64;
}

static void
append_urls (GString    *out,
             SimObject  *object,
             const char *version,
             gboolean    full)
{
  const char *n = object->name;
  const char *v = version;

  g_string_append (out, "\"urls\":{");
  if (full)
    g_string_append_printf (out,
                            "\"compactLayouts\":\"/services/data/v%s/sobjects/%s/describe/compactLayouts\","
                            "\"approvalLayouts\":\"/services/data/v%s/sobjects/%s/describe/approvalLayouts\","
                            "\"listviews\":\"/services/data/v%s/sobjects/%s/listviews\","
                            "\"quickActions\":\"/services/data/v%s/sobjects/%s/quickActions\","
                            "\"layouts\":\"/services/data/v%s/sobjects/%s/describe/layouts\",",
                            v, n, v, n, v, n, v, n, v, n);
  g_string_append_printf (out,
                          "\"rowTemplate\":\"/services/data/v%s/sobjects/%s/{ID}\","
                          "\"describe\":\"/services/data/v%s/sobjects/%s/describe\","
                          "\"sobject\":\"/services/data/v%s/sobjects/%s\"}",
                          v, n, v, n, v, n);
}

static void
append_object_flags (GString    *out,
                     SimObject  *object,
                     SimStore   *store,
                     const char *version)
{
  guint access = sim_store_object_access (store, object);
  gboolean data = object->kind == SIM_OBJECT_DATA;

  append_bool (out, "activateable", FALSE);
  g_string_append (out, "\"associateEntityType\":null,\"associateParentEntity\":null,");
  append_bool (out, "createable", data && (access & SIM_ACCESS_CREATE));
  append_bool (out, "custom", object->custom);
  append_bool (out, "customSetting", FALSE);
  append_bool (out, "deepCloneable", FALSE);
  append_bool (out, "deletable", data && (access & SIM_ACCESS_DELETE));
  append_bool (out, "deprecatedAndHidden", FALSE);
  append_bool (out, "feedEnabled", data && !object->custom);
  append_bool (out, "hasSubtypes", FALSE);
  append_bool (out, "isInterface", FALSE);
  append_bool (out, "isSubtype", FALSE);
  append_str (out, "keyPrefix", object->key_prefix);
  append_str (out, "label", object->label);
  append_str (out, "labelPlural", object->label_plural);
  append_bool (out, "layoutable", data);
  append_bool (out, "mergeable", g_str_equal (object->name, "Account") || g_str_equal (object->name, "Contact") ||
               g_str_equal (object->name, "Lead"));
  append_bool (out, "mruEnabled", data);
  append_str (out, "name", object->name);
  append_bool (out, "queryable", (access & SIM_ACCESS_READ) != 0);
  append_bool (out, "replicateable", data);
  append_bool (out, "retrieveable", data);
  append_bool (out, "searchable", data);
  append_bool (out, "triggerable", data);
  append_bool (out, "undeletable", data);
  append_bool (out, "updateable", data && (access & SIM_ACCESS_EDIT));
}

static gboolean
not_modified (SimRequest *req)
{
  const char *since = soup_message_headers_get_one (req->headers, "If-Modified-Since");
  gint64 ms;

  if (since == NULL || !sim_parse_http_date (since, &ms))
    return FALSE;
  if (req->server->describe_modified_ms / 1000 > ms / 1000)
    return FALSE;

  req->status = 304;
  return TRUE;
}

void
sim_describe_global (SimRequest *req)
{
  SimServer *self = req->server;
  GString *out;
  gboolean first = TRUE;

  if (not_modified (req))
    return;

  out = g_string_new ("{\"encoding\":\"UTF-8\",\"maxBatchSize\":200,\"sobjects\":[");
  for (guint i = 0; i < self->schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (self->schema->objects, i);

      /* Objects the user cannot read are left out, as Salesforce does. */
      if (!(sim_store_object_access (self->store, object) & SIM_ACCESS_READ))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_c (out, '{');
      append_object_flags (out, object, self->store, req->version);
      append_urls (out, object, req->version, TRUE);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  sim_request_json (req, 200, out);
}

static void
append_picklist (GString  *out,
                 SimField *field)
{
  g_string_append (out, "\"picklistValues\":[");
  for (guint i = 0; field->picklist != NULL && field->picklist[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"active\":true,\"defaultValue\":");
      g_string_append (out, field->defaulted && i == 0 ? "true" : "false");
      g_string_append (out, ",\"label\":");
      sim_json_append_string (out, field->picklist[i], -1);
      g_string_append (out, ",\"validFor\":null,\"value\":");
      sim_json_append_string (out, field->picklist[i], -1);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],");
}

static void
append_field (GString  *out,
              SimField *field)
{
  SimFieldType t = field->type;
  gboolean numeric = t == SIM_TYPE_DOUBLE || t == SIM_TYPE_CURRENCY || t == SIM_TYPE_PERCENT;
  gboolean compound = sim_field_is_compound (field);
  gboolean long_text = t == SIM_TYPE_TEXTAREA && field->length > 255;
  gboolean filterable = !compound && t != SIM_TYPE_BASE64 && !long_text;

  g_string_append_c (out, '{');
  append_bool (out, "aggregatable", filterable && t != SIM_TYPE_BOOLEAN);
  append_bool (out, "aiPredictionField", FALSE);
  append_bool (out, "autoNumber", FALSE);
  append_int (out, "byteLength", t == SIM_TYPE_ID || t == SIM_TYPE_REFERENCE ? 18 :
                                 is_text (t) ? field->length * 3 : 0);
  append_bool (out, "calculated", field->calculated || (field->gen == SIM_GEN_PERSON_NAME && field->components));
  append_str (out, "calculatedFormula", field->formula);
  append_bool (out, "cascadeDelete", FALSE);
  append_bool (out, "caseSensitive", FALSE);
  append_str (out, "compoundFieldName", field->compound_name);
  append_str (out, "controllerName", NULL);
  append_bool (out, "createable", field->createable);
  append_bool (out, "custom", field->custom);
  g_string_append (out, "\"defaultValue\":");
  if (t == SIM_TYPE_BOOLEAN)
    g_string_append (out, "false,");
  else
    g_string_append (out, "null,");
  append_str (out, "defaultValueFormula", NULL);
  append_bool (out, "defaultedOnCreate", field->defaulted || t == SIM_TYPE_BOOLEAN);
  append_bool (out, "dependentPicklist", FALSE);
  append_bool (out, "deprecatedAndHidden", FALSE);
  append_int (out, "digits", t == SIM_TYPE_INT ? field->digits : 0);
  append_bool (out, "displayLocationInDecimal", t == SIM_TYPE_LOCATION);
  append_bool (out, "encrypted", FALSE);
  append_bool (out, "externalId", field->external_id);
  append_str (out, "extraTypeInfo", field->extra_type_info);
  append_bool (out, "filterable", filterable);
  g_string_append (out, "\"filteredLookupInfo\":null,");
  append_bool (out, "formulaTreatNullNumberAsZero", FALSE);
  append_bool (out, "groupable", filterable && !numeric && t != SIM_TYPE_DATETIME);
  append_bool (out, "highScaleNumber", FALSE);
  append_bool (out, "htmlFormatted", field->html);
  append_bool (out, "idLookup", field->id_lookup);
  append_str (out, "inlineHelpText", NULL);
  append_str (out, "label", field->label);
  append_int (out, "length", is_text (t) || t == SIM_TYPE_ID || t == SIM_TYPE_REFERENCE ? field->length : 0);
  append_str (out, "mask", NULL);
  append_str (out, "maskType", NULL);
  append_str (out, "name", field->name);
  append_bool (out, "nameField", field->name_field);
  append_bool (out, "namePointing", FALSE);
  append_bool (out, "nillable", field->nillable);
  append_bool (out, "permissionable", field->nillable && !field->calculated && t != SIM_TYPE_ID);
  append_picklist (out, field);
  append_bool (out, "polymorphicForeignKey", field->polymorphic);
  append_int (out, "precision", numeric ? field->precision : 0);
  append_bool (out, "queryByDistance", compound);
  append_str (out, "referenceTargetField", NULL);
  g_string_append (out, "\"referenceTo\":[");
  for (guint i = 0; field->reference_to != NULL && field->reference_to[i] != NULL; i++)
    g_string_append_printf (out, "%s\"%s\"", i ? "," : "", field->reference_to[i]);
  g_string_append (out, "],");
  append_str (out, "relationshipName", field->relationship_name);
  g_string_append (out, "\"relationshipOrder\":null,");
  append_bool (out, "restrictedDelete", FALSE);
  append_bool (out, "restrictedPicklist", FALSE);
  append_int (out, "scale", numeric || t == SIM_TYPE_LOCATION ? field->scale : 0);
  append_bool (out, "searchPrefilterable", FALSE);
  append_str (out, "soapType", sim_field_soap_type (t));
  append_bool (out, "sortable", filterable);
  append_str (out, "type", sim_field_type_name (t));
  append_bool (out, "unique", field->unique);
  append_bool (out, "updateable", field->updateable);
  g_string_append (out, "\"writeRequiresMasterRead\":false}");
}

static void
append_children (GString   *out,
                 SimObject *object)
{
  g_string_append (out, "\"childRelationships\":[");
  for (guint i = 0; i < object->children->len; i++)
    {
      SimChildRelationship *rel = g_ptr_array_index (object->children, i);

      g_string_append_printf (out, "%s{\"cascadeDelete\":%s,\"childSObject\":\"%s\",\"deprecatedAndHidden\":false,"
                              "\"field\":\"%s\",\"junctionIdListNames\":[],\"junctionReferenceTo\":[],"
                              "\"relationshipName\":",
                              i ? "," : "", rel->cascade_delete ? "true" : "false", rel->child_object, rel->field);
      if (rel->relationship_name)
        sim_json_append_string (out, rel->relationship_name, -1);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\"restrictedDelete\":false}");
    }
  g_string_append (out, "],");
}

void
sim_describe_object (SimRequest *req,
                     SimObject  *object,
                     gboolean    full)
{
  SimServer *self = req->server;
  GString *out;

  if (full && not_modified (req))
    return;

  out = g_string_sized_new (65536);
  if (!full)
    {
      /* sObject basic information: the describeGlobal entry and recent items. */
      g_string_append (out, "{\"objectDescribe\":{");
      append_object_flags (out, object, self->store, req->version);
      append_urls (out, object, req->version, TRUE);
      g_string_append (out, "},\"recentItems\":[]}");
      sim_request_json (req, 200, out);
      return;
    }

  g_string_append (out, "{\"actionOverrides\":[],");
  g_string_append (out, "\"activateable\":false,\"associateEntityType\":null,\"associateParentEntity\":null,");
  append_children (out, object);
  g_string_append (out, "\"compactLayoutable\":true,");
  {
    guint access = sim_store_object_access (self->store, object);
    gboolean data = object->kind == SIM_OBJECT_DATA;

    append_bool (out, "createable", data && (access & SIM_ACCESS_CREATE));
    append_bool (out, "custom", object->custom);
    append_bool (out, "customSetting", FALSE);
    append_bool (out, "deepCloneable", FALSE);
    g_string_append (out, "\"defaultImplementation\":null,");
    append_bool (out, "deletable", data && (access & SIM_ACCESS_DELETE));
    append_bool (out, "deprecatedAndHidden", FALSE);
    g_string_append (out, "\"extendedBy\":null,\"extendsInterfaces\":null,");
    append_bool (out, "feedEnabled", data && !object->custom);
  }
  g_string_append (out, "\"fields\":[");
  for (guint i = 0; i < object->fields->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, g_ptr_array_index (object->fields, i));
    }
  g_string_append (out, "],");
  g_string_append (out, "\"hasSubtypes\":false,\"implementedBy\":null,\"implementsInterfaces\":null,"
                        "\"isInterface\":false,\"isSubtype\":false,");
  append_str (out, "keyPrefix", object->key_prefix);
  append_str (out, "label", object->label);
  append_str (out, "labelPlural", object->label_plural);
  g_string_append (out, "\"layoutable\":true,\"listviewable\":null,\"lookupLayoutable\":null,");
  append_bool (out, "mergeable", g_str_equal (object->name, "Account") || g_str_equal (object->name, "Contact"));
  append_bool (out, "mruEnabled", object->kind == SIM_OBJECT_DATA);
  append_str (out, "name", object->name);
  g_string_append (out, "\"namedLayoutInfos\":[],\"networkScopeFieldName\":null,");
  append_bool (out, "queryable", TRUE);
  g_string_append_printf (out, "\"recordTypeInfos\":[{\"active\":true,\"available\":true,"
                          "\"defaultRecordTypeMapping\":true,\"developerName\":\"Master\",\"master\":true,"
                          "\"name\":\"Master\",\"recordTypeId\":\"012000000000000AAA\",\"urls\":{\"layout\":"
                          "\"/services/data/v%s/sobjects/%s/describe/layouts/012000000000000AAA\"}}],",
                          req->version, object->name);
  append_bool (out, "replicateable", object->kind == SIM_OBJECT_DATA);
  append_bool (out, "retrieveable", object->kind == SIM_OBJECT_DATA);
  g_string_append (out, "\"searchLayoutable\":true,");
  append_bool (out, "searchable", object->kind == SIM_OBJECT_DATA);
  g_string_append (out, "\"sobjectDescribeOption\":\"FULL\",");
  g_string_append (out, "\"supportedScopes\":[{\"label\":\"All records\",\"name\":\"everything\"},"
                        "{\"label\":\"My records\",\"name\":\"mine\"}],");
  append_bool (out, "triggerable", object->kind == SIM_OBJECT_DATA);
  append_bool (out, "undeletable", object->kind == SIM_OBJECT_DATA);
  {
    guint access = sim_store_object_access (self->store, object);

    append_bool (out, "updateable", object->kind == SIM_OBJECT_DATA && (access & SIM_ACCESS_EDIT));
  }
  append_urls (out, object, req->version, TRUE);
  g_string_append_c (out, '}');
  sim_request_json (req, 200, out);
}
