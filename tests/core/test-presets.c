/* test-presets.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "orgsync-error.h"
#include "orgsync-preset.h"
#include "orgsync-sobject.h"

/* Standard fields of salesforce-api.md §10, to catch a typo in a preset. */
static const char * const standard_fields[] = {
  "Account.Id", "Account.IsDeleted", "Account.MasterRecordId", "Account.Name", "Account.Type",
  "Account.ParentId", "Account.BillingStreet", "Account.BillingCity", "Account.BillingState",
  "Account.BillingPostalCode", "Account.BillingCountry", "Account.BillingLatitude",
  "Account.BillingLongitude", "Account.BillingGeocodeAccuracy", "Account.ShippingStreet",
  "Account.ShippingCity", "Account.ShippingState", "Account.ShippingPostalCode",
  "Account.ShippingCountry", "Account.Phone", "Account.Fax", "Account.AccountNumber",
  "Account.Website", "Account.PhotoUrl", "Account.Sic", "Account.Industry",
  "Account.AnnualRevenue", "Account.NumberOfEmployees", "Account.Ownership",
  "Account.TickerSymbol", "Account.Description", "Account.Rating", "Account.Site",
  "Account.OwnerId", "Account.CreatedDate", "Account.LastActivityDate", "Account.AccountSource",
  "Contact.AccountId", "Contact.LastName", "Contact.FirstName", "Contact.Salutation",
  "Contact.Name", "Contact.MailingStreet", "Contact.MailingCity", "Contact.MailingState",
  "Contact.MailingPostalCode", "Contact.MailingCountry", "Contact.Phone", "Contact.Fax",
  "Contact.MobilePhone", "Contact.HomePhone", "Contact.ReportsToId", "Contact.Email",
  "Contact.Title", "Contact.Department", "Contact.LeadSource", "Contact.Birthdate",
  "Contact.Description", "Contact.OwnerId", "Contact.HasOptedOutOfEmail", "Contact.DoNotCall",
  "Contact.LastActivityDate",
  "Lead.LastName", "Lead.FirstName", "Lead.Salutation", "Lead.Name", "Lead.Title", "Lead.Company",
  "Lead.Street", "Lead.City", "Lead.State", "Lead.PostalCode", "Lead.Country", "Lead.Phone",
  "Lead.MobilePhone", "Lead.Email", "Lead.Website", "Lead.Description", "Lead.LeadSource",
  "Lead.Status", "Lead.Industry", "Lead.Rating", "Lead.AnnualRevenue", "Lead.NumberOfEmployees",
  "Lead.OwnerId", "Lead.HasOptedOutOfEmail", "Lead.DoNotCall", "Lead.IsConverted",
  "Lead.ConvertedDate", "Lead.ConvertedAccountId", "Lead.ConvertedContactId",
  "Lead.ConvertedOpportunityId", "Lead.CreatedDate",
  "Opportunity.AccountId", "Opportunity.Name", "Opportunity.Description", "Opportunity.StageName",
  "Opportunity.Amount", "Opportunity.Probability", "Opportunity.ExpectedRevenue",
  "Opportunity.CloseDate", "Opportunity.Type", "Opportunity.NextStep", "Opportunity.LeadSource",
  "Opportunity.IsClosed", "Opportunity.IsWon", "Opportunity.ForecastCategoryName",
  "Opportunity.CampaignId", "Opportunity.OwnerId", "Opportunity.LastStageChangeDate",
  "Opportunity.FiscalQuarter", "Opportunity.FiscalYear",
  "User.Username", "User.Name", "User.FirstName", "User.LastName", "User.Email", "User.IsActive",
  NULL,
};

static void
test_load (void)
{
  g_autoptr(GListModel) presets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OrgsyncPreset) first = NULL;
  const char *ids[] = { "partner-overlap", "sales-pipeline", "marketing", "customer-success", "minimal" };

  presets = orgsync_preset_list_load (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (presets), ==, G_N_ELEMENTS (ids));

  first = g_list_model_get_item (presets, 0);
  g_assert_cmpstr (orgsync_preset_get_id (first), ==, "partner-overlap");
  g_assert_cmpstr (orgsync_preset_get_name (first), ==, "Partner overlap (recommended)");
  g_assert_true (orgsync_preset_get_recommended (first));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      OrgsyncPreset *preset = orgsync_preset_list_lookup (presets, ids[i]);
      const char *standard[] = { "Lead", "Account", "Contact", "Opportunity" };
      const char * const *objects;

      g_assert_nonnull (preset);
      g_assert_cmpuint (strlen (orgsync_preset_get_name (preset)), >, 0);
      g_assert_cmpuint (strlen (orgsync_preset_get_description (preset)), >, 20);
      g_assert_null (strchr (orgsync_preset_get_description (preset), '\n'));
      g_assert_true (orgsync_preset_get_recommended (preset) == (i == 0));

      for (guint j = 0; j < G_N_ELEMENTS (standard); j++)
        g_assert_nonnull (orgsync_preset_get_fields (preset, standard[j]));

      objects = orgsync_preset_get_objects (preset);
      for (guint j = 0; objects[j] != NULL; j++)
        {
          const char * const *fields = orgsync_preset_get_fields (preset, objects[j]);

          for (guint k = 0; fields[k] != NULL; k++)
            {
              g_autofree char *qualified = g_strdup_printf ("%s.%s", objects[j], fields[k]);

              if (!g_strv_contains (standard_fields, qualified))
                g_error ("preset %s names %s, which is not a standard field", ids[i], qualified);
            }
        }
    }

  g_assert_null (orgsync_preset_list_lookup (presets, "no-such-preset"));
}

static const char *
fake_german (const char *msgid,
             gpointer    user_data)
{
  GStringChunk *chunk = user_data;
  g_autofree char *translated = g_strconcat ("DE: ", msgid, NULL);

  return g_string_chunk_insert (chunk, translated);
}

/* Names and descriptions go through the translation hook (g_dgettext by default). */
static void
test_translation_hook (void)
{
  g_autoptr(GBytes) xml = g_resources_lookup_data ("/io/github/orgsync/OrgSync/presets/presets.xml", 0, NULL);
  g_autoptr(GListModel) presets = NULL;
  g_autoptr(GError) error = NULL;
  GStringChunk *chunk = g_string_chunk_new (256);
  OrgsyncPreset *preset;

  g_assert_nonnull (xml);
  presets = orgsync_preset_list_load_full (xml, fake_german, chunk, &error);
  g_assert_no_error (error);

  preset = orgsync_preset_list_lookup (presets, "minimal");
  g_assert_cmpstr (orgsync_preset_get_name (preset), ==, "DE: Minimal");
  g_assert_true (g_str_has_prefix (orgsync_preset_get_description (preset), "DE: Only the names"));
  /* Ids and field names are never translated. */
  g_assert_cmpstr (orgsync_preset_get_id (preset), ==, "minimal");
  g_assert_cmpstr (orgsync_preset_get_fields (preset, "Account")[0], ==, "Name");

  g_string_chunk_free (chunk);
}

static const char *test_mo;

/* The real path: g_dgettext() with the app's domain and a compiled catalog. */
static void
test_gettext_catalog (void)
{
  g_autofree char *root = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GListModel) presets = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (test_mo == NULL)
    {
      g_test_skip ("msgfmt was not found at build time");
      return;
    }

  root = g_dir_make_tmp ("orgsync-locale-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (root, "de", "LC_MESSAGES", NULL);
  target = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (test_mo, &contents, &length, &error));
  g_assert_true (g_file_set_contents (target, contents, length, &error));

  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, root);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  presets = orgsync_preset_list_load (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (orgsync_preset_get_name (orgsync_preset_list_lookup (presets, "partner-overlap")),
                   ==, "Partner-Überschneidung (empfohlen)");
  g_assert_cmpstr (orgsync_preset_get_name (orgsync_preset_list_lookup (presets, "minimal")), ==, "Minimal (Test)");
  /* Untranslated strings stay English. */
  g_assert_cmpstr (orgsync_preset_get_name (orgsync_preset_list_lookup (presets, "marketing")), ==, "Marketing");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_remove (target);
  g_remove (dir);
  {
    g_autofree char *de = g_path_get_dirname (dir);

    g_remove (de);
  }
  g_remove (root);
}

static void
test_malformed (void)
{
  const char *documents[] = {
    "<presets><preset id='x'><name>X</name>",                                       /* truncated */
    "<presets><preset id='x'><name>X</name><description>D</description></preset></presets>", /* no objects */
    "<presets><preset id='Bad Id'><name>X</name><description>D</description>"
      "<object name='Account'><field>Name</field></object></preset></presets>",
    "<presets><preset id='x'><name>X</name><description>D</description>"
      "<object name='Account'><field>Name\"; DROP TABLE x</field></object></preset></presets>",
    "<presets><preset id='x'><name>X</name><description>D</description>"
      "<object name='Account'><bogus/></object></preset></presets>",
    "<presets><preset id='x'><name>X</name><description>D</description>"
      "<object name='Account'><field>Name</field></object></preset>"
      "<preset id='x'><name>X</name><description>D</description>"
      "<object name='Account'><field>Name</field></object></preset></presets>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) xml = g_bytes_new_static (documents[i], strlen (documents[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) presets = orgsync_preset_list_load_full (xml, NULL, NULL, &error);

      g_assert_null (presets);
      g_assert_error (error, ORGSYNC_ERROR, ORGSYNC_ERROR_INVALID_DATA);
    }
}

static OrgsyncSObject *
make_sobject (const char         *name,
              const char * const *fields)
{
  g_autoptr(GArray) infos = g_array_new (FALSE, TRUE, sizeof (OrgsyncFieldInfo));
  OrgsyncSObject *sobject = orgsync_sobject_new (name, name, FALSE, TRUE);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      OrgsyncFieldInfo info = { fields[i], NULL, "string", 80, 0, NULL };

      if (g_str_has_prefix (fields[i], "Billing"))
        info.compound_field_name = "BillingAddress";
      g_array_append_val (infos, info);
    }

  orgsync_sobject_set_fields (sobject, (OrgsyncFieldInfo *) infos->data, infos->len);

  return sobject;
}

/* Applying selects exactly the preset's fields and reports what the org lacks. */
static void
test_apply (void)
{
  static const char * const account[] = {
    "Id", "IsDeleted", "Name", "Website", "Phone", "Type", "Industry", "ParentId", "BillingCity",
    "BillingState", "BillingPostalCode", "BillingCountry", "NumberOfEmployees", "AnnualRevenue",
    "OwnerId", "Description", "SystemModstamp", NULL,
  };
  static const char * const contact[] = {
    "Id", "AccountId", "FirstName", "LastName", "Title", "Email", "Phone", "MailingCity",
    "MailingCountry", "OwnerId", "Birthdate", "SystemModstamp", NULL,
  };
  static const char * const opportunity[] = {
    "Id", "AccountId", "Name", "Type", "StageName", "Amount", "CloseDate", "LeadSource", "IsClosed",
    "IsWon", "OwnerId", "SystemModstamp", NULL,
  };
  static const char * const case_fields[] = { "Id", "Subject", NULL };
  g_autoptr(GListModel) presets = orgsync_preset_list_load (NULL);
  g_autoptr(GListStore) sobjects = g_list_store_new (ORGSYNC_TYPE_SOBJECT);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OrgsyncSObject) account_object = make_sobject ("Account", account);
  g_autoptr(OrgsyncSObject) contact_object = make_sobject ("Contact", contact);
  g_autoptr(OrgsyncSObject) opportunity_object = make_sobject ("Opportunity", opportunity);
  g_autoptr(OrgsyncSObject) case_object = make_sobject ("Case", case_fields);
  OrgsyncPreset *preset = orgsync_preset_list_lookup (presets, "partner-overlap");
  g_auto(GStrv) snapshot = NULL;
  g_auto(GStrv) after_undo = NULL;

  g_list_store_append (sobjects, account_object);
  g_list_store_append (sobjects, contact_object);
  g_list_store_append (sobjects, opportunity_object);
  g_list_store_append (sobjects, case_object);

  orgsync_sobject_set_selected (case_object, TRUE);
  orgsync_field_set_selected (orgsync_sobject_lookup_field (account_object, "Description"), TRUE);
  snapshot = orgsync_sobject_list_save_selection (G_LIST_MODEL (sobjects));

  g_assert_false (orgsync_preset_apply (preset, G_LIST_MODEL (sobjects), missing));

  /* What this org lacks: one Account field, the Lead and User objects. */
  g_assert_cmpuint (missing->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (missing, "Account.AccountSource", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (missing, "Lead", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (missing, "User", g_str_equal, NULL));

  g_assert_true (orgsync_field_get_selected (orgsync_sobject_lookup_field (account_object, "Website")));
  g_assert_true (orgsync_field_get_selected (orgsync_sobject_lookup_field (account_object, "Id")));
  g_assert_true (orgsync_field_get_selected (orgsync_sobject_lookup_field (account_object, "SystemModstamp")));
  /* Replaced, not added to. */
  g_assert_false (orgsync_field_get_selected (orgsync_sobject_lookup_field (account_object, "Description")));
  g_assert_cmpuint (orgsync_sobject_get_n_selected (case_object), ==, 0);
  g_assert_false (orgsync_field_get_selected (orgsync_sobject_lookup_field (contact_object, "Birthdate")));
  g_assert_true (orgsync_sobject_get_selected (opportunity_object));

  /* Undo puts the previous selection back. */
  orgsync_sobject_list_restore_selection (G_LIST_MODEL (sobjects), (const char * const *) snapshot);
  after_undo = orgsync_sobject_list_save_selection (G_LIST_MODEL (sobjects));
  g_assert_cmpstrv (snapshot, after_undo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The compiled test catalog, when the build had msgfmt. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_suffix (argv[i], ".mo"))
      test_mo = argv[i];

  g_test_add_func ("/presets/load", test_load);
  g_test_add_func ("/presets/gettext-catalog", test_gettext_catalog);
  g_test_add_func ("/presets/translation-hook", test_translation_hook);
  g_test_add_func ("/presets/malformed", test_malformed);
  g_test_add_func ("/presets/apply", test_apply);

  return g_test_run ();
}
