/* orgsync-test-sobjects.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orgsync-sobject.h"
#include "orgsync-test-sobjects.h"

static const char *field_types[] = {
  "string", "picklist", "double", "currency", "date", "datetime", "boolean",
  "reference", "email", "phone", "textarea", "url", "int", "percent",
};

static const char *words[] = {
  "Billing", "Shipping", "Annual", "Revenue", "Owner", "Partner", "Region", "Status",
  "Segment", "Renewal", "Contract", "Source", "Priority", "Industry", "Rating", "Stage",
};

/* Tables like a large org's: Table000__c … with Id, SystemModstamp, IsDeleted and
 * custom fields whose labels combine a few business words, so that searches find
 * something in many tables without finding everything. */
GListModel *
orgsync_test_sobjects_new (guint n_tables,
                           guint n_fields)
{
  GListStore *store = g_list_store_new (ORGSYNC_TYPE_SOBJECT);

  for (guint t = 0; t < n_tables; t++)
    {
      g_autofree char *name = g_strdup_printf ("Table%03u__c", t);
      g_autofree char *label = g_strdup_printf ("%s %s %u", words[t % 16], words[(t / 16) % 16], t);
      g_autoptr(OrgsyncSObject) sobject = orgsync_sobject_new (name, label, TRUE, TRUE);
      g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
      OrgsyncFieldInfo *infos = g_new0 (OrgsyncFieldInfo, n_fields);

      infos[0] = (OrgsyncFieldInfo) { "Id", "Record ID", "id", 18, 0, NULL };
      infos[1] = (OrgsyncFieldInfo) { "SystemModstamp", "System Modstamp", "datetime", 0, 0, NULL };
      infos[2] = (OrgsyncFieldInfo) { "IsDeleted", "Deleted", "boolean", 0, 0, NULL };

      for (guint f = 3; f < n_fields; f++)
        {
          char *field_name = g_strdup_printf ("%s%s%u__c", words[f % 16], words[(f * 7 + t) % 16], f);
          char *field_label = g_strdup_printf ("%s %s %u", words[f % 16], words[(f * 7 + t) % 16], f);

          g_ptr_array_add (strings, field_name);
          g_ptr_array_add (strings, field_label);
          infos[f] = (OrgsyncFieldInfo) {
            field_name, field_label, field_types[f % G_N_ELEMENTS (field_types)], 255,
            ORGSYNC_FIELD_FLAG_CUSTOM | (f % 23 == 0 ? ORGSYNC_FIELD_FLAG_CALCULATED : 0),
            NULL,
          };
        }

      orgsync_sobject_set_fields (sobject, infos, n_fields);
      g_list_store_append (store, sobject);
      g_free (infos);
    }

  return G_LIST_MODEL (store);
}
