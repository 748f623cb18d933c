/* sim-schema.c
 *
 * Copyright 2026 The Org Sync authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-schema.h"
#include "sim-util.h"

/* The standard objects follow reference §10 of the protocol notes; the
 * generator columns say how each field gets realistic values. */

enum
{
  F_REQ      = 1 << 0,   /* not nillable */
  F_RO       = 1 << 1,   /* neither createable nor updateable */
  F_CALC     = 1 << 2,   /* formula or system-computed */
  F_NAME     = 1 << 3,
  F_IDL      = 1 << 4,
  F_DEF      = 1 << 5,
  F_UNIQ     = 1 << 6,
  F_EXT      = 1 << 7,
  F_POLY     = 1 << 8,
};

typedef struct
{
  const char   *name;
  const char   *label;
  SimFieldType  type;
  int           length;
  int           precision;
  int           scale;
  guint         flags;
  SimGen        gen;
  const char   *arg;        /* picklist name, reference targets, or constant */
  int           null_permille;
  double        min;
  double        max;
} FieldSpec;

typedef struct
{
  const char *name;
  const char *values[40];
} PicklistSpec;

static const PicklistSpec picklists[] = {
  { "AccountType", { "Prospect", "Customer - Direct", "Customer - Channel",
                     "Channel Partner / Reseller", "Installation Partner",
                     "Technology Partner", "Other", NULL } },
  { "Industry", { "Agriculture", "Apparel", "Banking", "Biotechnology", "Chemicals",
                  "Communications", "Construction", "Consulting", "Education", "Electronics",
                  "Energy", "Engineering", "Entertainment", "Environmental", "Finance",
                  "Food & Beverage", "Government", "Healthcare", "Hospitality", "Insurance",
                  "Machinery", "Manufacturing", "Media", "Not For Profit", "Recreation",
                  "Retail", "Shipping", "Technology", "Telecommunications", "Transportation",
                  "Utilities", "Other", NULL } },
  { "Ownership", { "Public", "Private", "Subsidiary", "Other", NULL } },
  { "Rating", { "Hot", "Warm", "Cold", NULL } },
  { "Source", { "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other", NULL } },
  { "GeocodeAccuracy", { "Address", "NearAddress", "Block", "Street", "ExtendedZip", "Zip",
                         "Neighborhood", "City", "County", "State", "Unknown", NULL } },
  { "CleanStatus", { "Matched", "Different", "Acknowledged", "NotFound", "Inactive", "Pending",
                     "SelectMatch", "Skipped", NULL } },
  { "Salutation", { "Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Mx.", NULL } },
  { "LeadStatus", { "Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                    "Closed - Not Converted", NULL } },
  { "Stage", { "Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
               "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
               "Negotiation/Review", "Closed Won", "Closed Lost", NULL } },
  { "OppType", { "Existing Customer - Upgrade", "Existing Customer - Replacement",
                 "Existing Customer - Downgrade", "New Customer", NULL } },
  { "Forecast", { "Omitted", "Pipeline", "BestCase", "Forecast", "Closed", NULL } },
  { "ForecastName", { "Omitted", "Pipeline", "Best Case", "Commit", "Closed", NULL } },
  { "CampaignType", { "Conference", "Webinar", "Trade Show", "Public Relations",
                      "Partners", "Referral Program", "Advertisement", "Banner Ads",
                      "Direct Mail", "Email", "Telemarketing", "Other", NULL } },
  { "CampaignStatus", { "Planned", "In Progress", "Completed", "Aborted", NULL } },
  { "TimeZone", { "America/Los_Angeles", "America/New_York", "Europe/London",
                  "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney", NULL } },
  { "UserType", { "Standard", "PowerPartner", "CsnOnly", "Guest", NULL } },
  { "Region", { "North America", "EMEA", "APAC", "LATAM", "Österreich & Schweiz", NULL } },
  { "Segment", { "SMB", "Mid-Market", "Enterprise", "Public Sector", "Strategic", NULL } },
};

static const FieldSpec account_fields[] = {
  { "MasterRecordId", "Master Record ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_NULL, "Account" },
  { "Name", "Account Name", SIM_TYPE_STRING, 255, 0, 0, F_REQ | F_NAME, SIM_GEN_COMPANY },
  { "Type", "Account Type", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "AccountType", 150 },
  { "ParentId", "Parent Account ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Account", 850 },
  { "@address", "Billing", 0, 0, 0, 0, 0, 0, "BillingAddress", 50 },
  { "@address", "Shipping", 0, 0, 0, 0, 0, 0, "ShippingAddress", 400 },
  { "Phone", "Account Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 50 },
  { "Fax", "Account Fax", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 700 },
  { "AccountNumber", "Account Number", SIM_TYPE_STRING, 40, 0, 0, 0, SIM_GEN_DIGITS, NULL, 300, 10000000, 99999999 },
  { "Website", "Website", SIM_TYPE_URL, 255, 0, 0, 0, SIM_GEN_WEBSITE, NULL, 80 },
  { "PhotoUrl", "Photo URL", SIM_TYPE_URL, 255, 0, 0, F_RO, SIM_GEN_NULL },
  { "Sic", "SIC Code", SIM_TYPE_STRING, 20, 0, 0, 0, SIM_GEN_DIGITS, NULL, 500, 1000, 9999 },
  { "Industry", "Industry", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Industry", 100 },
  { "AnnualRevenue", "Annual Revenue", SIM_TYPE_CURRENCY, 0, 18, 0, 0, SIM_GEN_AMOUNT, NULL, 200, 50000, 5e9 },
  { "NumberOfEmployees", "Employees", SIM_TYPE_INT, 0, 0, 0, 0, SIM_GEN_INT, NULL, 150, 1, 250000 },
  { "Ownership", "Ownership", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Ownership", 400 },
  { "TickerSymbol", "Ticker Symbol", SIM_TYPE_STRING, 20, 0, 0, 0, SIM_GEN_TICKER, NULL, 800 },
  { "Description", "Account Description", SIM_TYPE_TEXTAREA, 32000, 0, 0, 0, SIM_GEN_TEXT, NULL, 400 },
  { "Rating", "Account Rating", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Rating", 300 },
  { "Site", "Account Site", SIM_TYPE_STRING, 80, 0, 0, 0, SIM_GEN_CITY, NULL, 850 },
  { "OwnerId", "Owner ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_REQ | F_DEF, SIM_GEN_OWNER, "User" },
  { "@system" },
  { "LastActivityDate", "Last Activity", SIM_TYPE_DATE, 0, 0, 0, F_RO, SIM_GEN_DATE, NULL, 500, 2024, 2025 },
  { "@viewed" },
  { "Jigsaw", "Data.com Key", SIM_TYPE_STRING, 20, 0, 0, 0, SIM_GEN_NULL },
  { "JigsawCompanyId", "Jigsaw Company ID", SIM_TYPE_STRING, 20, 0, 0, F_RO, SIM_GEN_NULL },
  { "CleanStatus", "Clean Status", SIM_TYPE_PICKLIST, 40, 0, 0, 0, SIM_GEN_PICKLIST, "CleanStatus", 0 },
  { "AccountSource", "Account Source", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Source", 250 },
  { "DunsNumber", "D-U-N-S Number", SIM_TYPE_STRING, 9, 0, 0, 0, SIM_GEN_DIGITS, NULL, 700, 100000000, 999999999 },
  { "Tradestyle", "Tradestyle", SIM_TYPE_STRING, 255, 0, 0, 0, SIM_GEN_NULL },
  { "NaicsCode", "NAICS Code", SIM_TYPE_STRING, 8, 0, 0, 0, SIM_GEN_DIGITS, NULL, 700, 100000, 999999 },
  { "NaicsDesc", "NAICS Description", SIM_TYPE_STRING, 120, 0, 0, 0, SIM_GEN_NULL },
  { "YearStarted", "Year Started", SIM_TYPE_STRING, 4, 0, 0, 0, SIM_GEN_DIGITS, NULL, 500, 1850, 2023 },
  { "SicDesc", "SIC Description", SIM_TYPE_STRING, 80, 0, 0, 0, SIM_GEN_NULL },
  { "DandbCompanyId", "D&B Company ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_NULL, "DandBCompany" },
  { NULL }
};

static const FieldSpec contact_fields[] = {
  { "MasterRecordId", "Master Record ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_NULL, "Contact" },
  { "AccountId", "Account ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Account", 50 },
  { "@name" },
  { "@address", "Other", 0, 0, 0, 0, 0, 0, "OtherAddress", 700 },
  { "@address", "Mailing", 0, 0, 0, 0, 0, 0, "MailingAddress", 100 },
  { "Phone", "Business Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 100 },
  { "Fax", "Business Fax", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 850 },
  { "MobilePhone", "Mobile Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 400 },
  { "HomePhone", "Home Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 700 },
  { "OtherPhone", "Other Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 900 },
  { "AssistantPhone", "Asst. Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 900 },
  { "ReportsToId", "Reports To ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Contact", 800 },
  { "Email", "Email", SIM_TYPE_EMAIL, 80, 0, 0, F_IDL, SIM_GEN_EMAIL, NULL, 50 },
  { "Title", "Title", SIM_TYPE_STRING, 128, 0, 0, 0, SIM_GEN_TITLE, NULL, 100 },
  { "Department", "Department", SIM_TYPE_STRING, 80, 0, 0, 0, SIM_GEN_DEPARTMENT, NULL, 300 },
  { "AssistantName", "Assistant's Name", SIM_TYPE_STRING, 40, 0, 0, 0, SIM_GEN_FIRST_NAME, NULL, 950 },
  { "LeadSource", "Lead Source", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Source", 250 },
  { "Birthdate", "Birthdate", SIM_TYPE_DATE, 0, 0, 0, 0, SIM_GEN_DATE, NULL, 600, 1950, 2002 },
  { "Description", "Contact Description", SIM_TYPE_TEXTAREA, 32000, 0, 0, 0, SIM_GEN_TEXT, NULL, 500 },
  { "OwnerId", "Owner ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_REQ | F_DEF, SIM_GEN_OWNER, "User" },
  { "HasOptedOutOfEmail", "Email Opt Out", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.1 },
  { "HasOptedOutOfFax", "Fax Opt Out", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_FALSE },
  { "DoNotCall", "Do Not Call", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.05 },
  { "@system" },
  { "LastActivityDate", "Last Activity", SIM_TYPE_DATE, 0, 0, 0, F_RO, SIM_GEN_DATE, NULL, 500, 2024, 2025 },
  { "LastCURequestDate", "Last Stay-in-Touch Request Date", SIM_TYPE_DATETIME, 0, 0, 0, F_RO, SIM_GEN_NULL },
  { "LastCUUpdateDate", "Last Stay-in-Touch Save Date", SIM_TYPE_DATETIME, 0, 0, 0, F_RO, SIM_GEN_NULL },
  { "@viewed" },
  { "EmailBouncedReason", "Email Bounced Reason", SIM_TYPE_STRING, 255, 0, 0, 0, SIM_GEN_NULL },
  { "EmailBouncedDate", "Email Bounced Date", SIM_TYPE_DATETIME, 0, 0, 0, 0, SIM_GEN_NULL },
  { "IsEmailBounced", "Is Email Bounced", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_FALSE },
  { "PhotoUrl", "Photo URL", SIM_TYPE_URL, 255, 0, 0, F_RO, SIM_GEN_NULL },
  { "Jigsaw", "Data.com Key", SIM_TYPE_STRING, 20, 0, 0, 0, SIM_GEN_NULL },
  { "JigsawContactId", "Jigsaw Contact ID", SIM_TYPE_STRING, 20, 0, 0, F_RO, SIM_GEN_NULL },
  { "CleanStatus", "Clean Status", SIM_TYPE_PICKLIST, 40, 0, 0, 0, SIM_GEN_PICKLIST, "CleanStatus", 0 },
  { "IndividualId", "Individual ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_NULL, "Individual" },
  { NULL }
};

static const FieldSpec lead_fields[] = {
  { "MasterRecordId", "Master Record ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_NULL, "Lead" },
  { "@name" },
  { "Title", "Title", SIM_TYPE_STRING, 128, 0, 0, 0, SIM_GEN_TITLE, NULL, 150 },
  { "Company", "Company", SIM_TYPE_STRING, 255, 0, 0, F_REQ, SIM_GEN_COMPANY },
  { "@address", "", 0, 0, 0, 0, 0, 0, "Address", 200 },
  { "Phone", "Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 100 },
  { "MobilePhone", "Mobile Phone", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 500 },
  { "Fax", "Fax", SIM_TYPE_PHONE, 40, 0, 0, 0, SIM_GEN_PHONE, NULL, 900 },
  { "Email", "Email", SIM_TYPE_EMAIL, 80, 0, 0, F_IDL, SIM_GEN_EMAIL, NULL, 50 },
  { "Website", "Website", SIM_TYPE_URL, 255, 0, 0, 0, SIM_GEN_WEBSITE, NULL, 300 },
  { "PhotoUrl", "Photo URL", SIM_TYPE_URL, 255, 0, 0, F_RO, SIM_GEN_NULL },
  { "Description", "Description", SIM_TYPE_TEXTAREA, 32000, 0, 0, 0, SIM_GEN_TEXT, NULL, 500 },
  { "LeadSource", "Lead Source", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Source", 200 },
  { "Status", "Status", SIM_TYPE_PICKLIST, 40, 0, 0, F_REQ | F_DEF, SIM_GEN_PICKLIST, "LeadStatus", 0 },
  { "Industry", "Industry", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Industry", 200 },
  { "Rating", "Rating", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Rating", 400 },
  { "AnnualRevenue", "Annual Revenue", SIM_TYPE_CURRENCY, 0, 18, 0, 0, SIM_GEN_AMOUNT, NULL, 400, 10000, 1e9 },
  { "NumberOfEmployees", "Employees", SIM_TYPE_INT, 0, 0, 0, 0, SIM_GEN_INT, NULL, 300, 1, 100000 },
  { "OwnerId", "Owner ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_REQ | F_DEF | F_POLY, SIM_GEN_OWNER, "Group,User" },
  { "HasOptedOutOfEmail", "Email Opt Out", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.1 },
  { "HasOptedOutOfFax", "Fax Opt Out", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_FALSE },
  { "DoNotCall", "Do Not Call", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.05 },
  { "IsConverted", "Converted", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_FALSE },
  { "ConvertedDate", "Converted Date", SIM_TYPE_DATE, 0, 0, 0, F_RO, SIM_GEN_NULL },
  { "ConvertedAccountId", "Converted Account ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_NULL, "Account" },
  { "ConvertedContactId", "Converted Contact ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_NULL, "Contact" },
  { "ConvertedOpportunityId", "Converted Opportunity ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_NULL, "Opportunity" },
  { "IsUnreadByOwner", "Unread By Owner", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.3 },
  { "@system" },
  { "LastActivityDate", "Last Activity", SIM_TYPE_DATE, 0, 0, 0, F_RO, SIM_GEN_DATE, NULL, 600, 2024, 2025 },
  { "@viewed" },
  { "Jigsaw", "Data.com Key", SIM_TYPE_STRING, 20, 0, 0, 0, SIM_GEN_NULL },
  { "JigsawContactId", "Jigsaw Contact ID", SIM_TYPE_STRING, 20, 0, 0, F_RO, SIM_GEN_NULL },
  { "CleanStatus", "Clean Status", SIM_TYPE_PICKLIST, 40, 0, 0, 0, SIM_GEN_PICKLIST, "CleanStatus", 0 },
  { "CompanyDunsNumber", "Company D-U-N-S Number", SIM_TYPE_STRING, 9, 0, 0, 0, SIM_GEN_NULL },
  { "DandbCompanyId", "D&B Company ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_NULL, "DandBCompany" },
  { "EmailBouncedReason", "Email Bounced Reason", SIM_TYPE_STRING, 255, 0, 0, 0, SIM_GEN_NULL },
  { "EmailBouncedDate", "Email Bounced Date", SIM_TYPE_DATETIME, 0, 0, 0, 0, SIM_GEN_NULL },
  { "IndividualId", "Individual ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_NULL, "Individual" },
  { NULL }
};

static const FieldSpec opportunity_fields[] = {
  { "AccountId", "Account ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Account", 50 },
  { "IsPrivate", "Private", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_FALSE },
  { "Name", "Name", SIM_TYPE_STRING, 120, 0, 0, F_REQ | F_NAME, SIM_GEN_DEAL_NAME },
  { "Description", "Description", SIM_TYPE_TEXTAREA, 32000, 0, 0, 0, SIM_GEN_TEXT, NULL, 600 },
  { "StageName", "Stage", SIM_TYPE_PICKLIST, 255, 0, 0, F_REQ, SIM_GEN_STAGE, "Stage" },
  { "Amount", "Amount", SIM_TYPE_CURRENCY, 0, 18, 2, 0, SIM_GEN_AMOUNT, NULL, 100, 500, 2500000 },
  { "Probability", "Probability (%)", SIM_TYPE_PERCENT, 0, 3, 0, 0, SIM_GEN_PROBABILITY },
  { "ExpectedRevenue", "Expected Amount", SIM_TYPE_CURRENCY, 0, 18, 2, F_RO | F_CALC, SIM_GEN_EXPECTED_REVENUE, "Amount * Probability / 100" },
  { "TotalOpportunityQuantity", "Quantity", SIM_TYPE_DOUBLE, 0, 18, 2, 0, SIM_GEN_DOUBLE, NULL, 700, 1, 500 },
  { "CloseDate", "Close Date", SIM_TYPE_DATE, 0, 0, 0, F_REQ, SIM_GEN_DATE, NULL, 0, 2023, 2026 },
  { "Type", "Opportunity Type", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "OppType", 200 },
  { "NextStep", "Next Step", SIM_TYPE_STRING, 255, 0, 0, 0, SIM_GEN_TITLE, NULL, 700 },
  { "LeadSource", "Lead Source", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Source", 300 },
  { "IsClosed", "Closed", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_IS_CLOSED },
  { "IsWon", "Won", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_IS_WON },
  { "ForecastCategory", "Forecast Category", SIM_TYPE_PICKLIST, 40, 0, 0, F_RO, SIM_GEN_FORECAST, "Forecast" },
  { "ForecastCategoryName", "Forecast Category", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_FORECAST, "ForecastName" },
  { "CampaignId", "Campaign ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Campaign", 700 },
  { "HasOpportunityLineItem", "Has Line Item", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_FALSE },
  { "Pricebook2Id", "Price Book ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_NULL, "Pricebook2" },
  { "OwnerId", "Owner ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_REQ | F_DEF, SIM_GEN_OWNER, "User" },
  { "ContactId", "Contact ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Contact", 500 },
  { "@system" },
  { "LastActivityDate", "Last Activity", SIM_TYPE_DATE, 0, 0, 0, F_RO, SIM_GEN_DATE, NULL, 600, 2024, 2025 },
  { "PushCount", "Push Count", SIM_TYPE_INT, 0, 0, 0, F_RO, SIM_GEN_INT, NULL, 0, 0, 5 },
  { "LastStageChangeDate", "Last Stage Change Date", SIM_TYPE_DATETIME, 0, 0, 0, F_RO, SIM_GEN_DATETIME, NULL, 300, 2024, 2025 },
  { "FiscalQuarter", "Fiscal Quarter", SIM_TYPE_INT, 0, 0, 0, F_RO, SIM_GEN_INT, NULL, 0, 1, 4 },
  { "FiscalYear", "Fiscal Year", SIM_TYPE_INT, 0, 0, 0, F_RO, SIM_GEN_INT, NULL, 0, 2023, 2026 },
  { "Fiscal", "Fiscal Period", SIM_TYPE_STRING, 6, 0, 0, F_RO, SIM_GEN_NULL },
  { "@viewed" },
  { "HasOpenActivity", "Has Open Activity", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_FALSE },
  { "HasOverdueTask", "Has Overdue Task", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_FALSE },
  { NULL }
};

static const FieldSpec user_fields[] = {
  { "Username", "Username", SIM_TYPE_STRING, 80, 0, 0, F_REQ | F_IDL | F_UNIQ, SIM_GEN_USERNAME },
  { "LastName", "Last Name", SIM_TYPE_STRING, 80, 0, 0, F_REQ, SIM_GEN_LAST_NAME },
  { "FirstName", "First Name", SIM_TYPE_STRING, 40, 0, 0, 0, SIM_GEN_FIRST_NAME },
  { "Name", "Full Name", SIM_TYPE_STRING, 121, 0, 0, F_RO | F_NAME, SIM_GEN_PERSON_NAME },
  { "CompanyName", "Company Name", SIM_TYPE_STRING, 80, 0, 0, 0, SIM_GEN_CONST, "Org Sync Demo" },
  { "Title", "Title", SIM_TYPE_STRING, 80, 0, 0, 0, SIM_GEN_TITLE, NULL, 200 },
  { "Email", "Email", SIM_TYPE_EMAIL, 128, 0, 0, F_REQ, SIM_GEN_EMAIL },
  { "Alias", "Alias", SIM_TYPE_STRING, 8, 0, 0, F_REQ, SIM_GEN_DIGITS, NULL, 0, 10000000, 99999999 },
  { "IsActive", "Active", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.9 },
  { "TimeZoneSidKey", "Time Zone", SIM_TYPE_PICKLIST, 40, 0, 0, F_REQ, SIM_GEN_PICKLIST, "TimeZone", 0 },
  { "ProfileId", "Profile ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_REQ, SIM_GEN_CONST, "Profile" },
  { "UserType", "User Type", SIM_TYPE_PICKLIST, 40, 0, 0, F_RO, SIM_GEN_CONST, "Standard" },
  { "LastLoginDate", "Last Login", SIM_TYPE_DATETIME, 0, 0, 0, F_RO, SIM_GEN_DATETIME, NULL, 100, 2025, 2025 },
  { "@system" },
  { NULL }
};

static const FieldSpec campaign_fields[] = {
  { "Name", "Name", SIM_TYPE_STRING, 80, 0, 0, F_REQ | F_NAME, SIM_GEN_CAMPAIGN_NAME },
  { "ParentId", "Parent Campaign ID", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Campaign", 800 },
  { "Type", "Type", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "CampaignType", 100 },
  { "Status", "Status", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "CampaignStatus", 0 },
  { "StartDate", "Start Date", SIM_TYPE_DATE, 0, 0, 0, 0, SIM_GEN_DATE, NULL, 100, 2023, 2025 },
  { "EndDate", "End Date", SIM_TYPE_DATE, 0, 0, 0, 0, SIM_GEN_DATE, NULL, 200, 2024, 2026 },
  { "ExpectedRevenue", "Expected Revenue in Campaign", SIM_TYPE_CURRENCY, 0, 18, 0, 0, SIM_GEN_AMOUNT, NULL, 300, 1000, 1000000 },
  { "BudgetedCost", "Budgeted Cost in Campaign", SIM_TYPE_CURRENCY, 0, 18, 0, 0, SIM_GEN_AMOUNT, NULL, 300, 500, 200000 },
  { "ActualCost", "Actual Cost in Campaign", SIM_TYPE_CURRENCY, 0, 18, 0, 0, SIM_GEN_AMOUNT, NULL, 400, 500, 200000 },
  { "ExpectedResponse", "Expected Response (%)", SIM_TYPE_PERCENT, 0, 8, 2, 0, SIM_GEN_PERCENT, NULL, 300 },
  { "NumberSent", "Num Sent in Campaign", SIM_TYPE_DOUBLE, 0, 18, 0, 0, SIM_GEN_INT, NULL, 300, 100, 50000 },
  { "IsActive", "Active", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.5 },
  { "Description", "Description", SIM_TYPE_TEXTAREA, 32000, 0, 0, 0, SIM_GEN_TEXT, NULL, 500 },
  { "NumberOfLeads", "Leads in Campaign", SIM_TYPE_INT, 0, 0, 0, F_RO, SIM_GEN_INT, NULL, 0, 0, 500 },
  { "NumberOfContacts", "Contacts in Campaign", SIM_TYPE_INT, 0, 0, 0, F_RO, SIM_GEN_INT, NULL, 0, 0, 500 },
  { "NumberOfOpportunities", "Opportunities in Campaign", SIM_TYPE_INT, 0, 0, 0, F_RO, SIM_GEN_INT, NULL, 0, 0, 50 },
  { "AmountAllOpportunities", "Value Opportunities in Campaign", SIM_TYPE_CURRENCY, 0, 18, 0, F_RO, SIM_GEN_AMOUNT, NULL, 0, 0, 5000000 },
  { "OwnerId", "Owner ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_REQ | F_DEF, SIM_GEN_OWNER, "User" },
  { "@system" },
  { "@viewed" },
  { NULL }
};

static const FieldSpec user_permission_fields[] = {
  { "PermissionsApiEnabled", "API Enabled", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_PERMISSION, "ApiEnabled" },
  { "PermissionsViewSetup", "View Setup and Configuration", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_PERMISSION, "ViewSetup" },
  { "PermissionsViewAllUsers", "View All Users", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_PERMISSION, "ViewAllUsers" },
  { "PermissionsViewAllData", "View All Data", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_PERMISSION, "ViewAllData" },
  { "PermissionsModifyAllData", "Modify All Data", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_PERMISSION, "ModifyAllData" },
  { NULL }
};

static const FieldSpec object_permission_fields[] = {
  { "ParentId", "Parent ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_PERMSET, "PermissionSet" },
  { "SobjectType", "Sobject Type Name", SIM_TYPE_PICKLIST, 40, 0, 0, F_RO, SIM_GEN_OBJECT_NAME },
  { "PermissionsCreate", "Create", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_OBJECT_PERMISSION, "Create" },
  { "PermissionsRead", "Read", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_OBJECT_PERMISSION, "Read" },
  { "PermissionsEdit", "Edit", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_OBJECT_PERMISSION, "Edit" },
  { "PermissionsDelete", "Delete", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_OBJECT_PERMISSION, "Delete" },
  { "PermissionsViewAllRecords", "View All", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_OBJECT_PERMISSION, "ViewAllRecords" },
  { "PermissionsModifyAllRecords", "Modify All", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_OBJECT_PERMISSION, "ModifyAllRecords" },
  { "PermissionsViewAllFields", "View All Fields", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_OBJECT_PERMISSION, "ViewAllRecords" },
  { NULL }
};

static const FieldSpec permset_assignment_fields[] = {
  { "AssigneeId", "Assignee ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_CURRENT_USER, "User" },
  { "PermissionSetId", "Permission Set ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_RO, SIM_GEN_PERMSET, "PermissionSet" },
  { NULL }
};

static const FieldSpec organization_fields[] = {
  { "Name", "Name", SIM_TYPE_STRING, 80, 0, 0, F_RO | F_NAME, SIM_GEN_CONST, "Org Sync Simulated Org" },
  { "OrganizationType", "Edition", SIM_TYPE_PICKLIST, 40, 0, 0, F_RO, SIM_GEN_CONST, "Developer Edition" },
  { "IsSandbox", "Is Sandbox", SIM_TYPE_BOOLEAN, 0, 0, 0, F_RO, SIM_GEN_FALSE },
  { "InstanceName", "Instance Name", SIM_TYPE_STRING, 5, 0, 0, F_RO, SIM_GEN_CONST, "SIM1" },
  { "DefaultLocaleSidKey", "Locale", SIM_TYPE_PICKLIST, 40, 0, 0, F_RO, SIM_GEN_CONST, "en_US" },
  { NULL }
};

/* Custom fields cycle through these, so that a handful already covers long
 * text, base64 and geolocation. */
static const FieldSpec custom_field_templates[] = {
  { "Region__c", "Region", SIM_TYPE_PICKLIST, 255, 0, 0, 0, SIM_GEN_PICKLIST, "Region", 200 },
  { "Score__c", "Score", SIM_TYPE_DOUBLE, 0, 16, 2, 0, SIM_GEN_DOUBLE, NULL, 200, 0, 100 },
  { "Notes__c", "Notes", SIM_TYPE_TEXTAREA, 131072, 0, 0, 0, SIM_GEN_LONG_TEXT, NULL, 500 },
  { "Contract_File__c", "Contract File", SIM_TYPE_BASE64, 131072, 0, 0, 0, SIM_GEN_BASE64, NULL, 700 },
  { "Site_Location__c", "Site Location", SIM_TYPE_LOCATION, 0, 0, 0, 0, SIM_GEN_COMPOUND, NULL, 300 },
  { "Is_Strategic__c", "Strategic", SIM_TYPE_BOOLEAN, 0, 0, 0, 0, SIM_GEN_BOOL, NULL, 0, 0.2 },
  { "Renewal_Date__c", "Renewal Date", SIM_TYPE_DATE, 0, 0, 0, 0, SIM_GEN_DATE, NULL, 300, 2025, 2027 },
  { "External_Key__c", "External Key", SIM_TYPE_STRING, 40, 0, 0, F_EXT | F_UNIQ | F_IDL, SIM_GEN_EXTERNAL_KEY },
  { "Discount__c", "Discount", SIM_TYPE_PERCENT, 0, 5, 2, 0, SIM_GEN_PERCENT, NULL, 400 },
  { "Segments__c", "Segments", SIM_TYPE_MULTIPICKLIST, 4099, 0, 0, 0, SIM_GEN_MULTIPICKLIST, "Segment", 300 },
  { "Last_Review__c", "Last Review", SIM_TYPE_DATETIME, 0, 0, 0, 0, SIM_GEN_DATETIME, NULL, 300, 2024, 2025 },
  { "Seats__c", "Seats", SIM_TYPE_DOUBLE, 0, 18, 0, 0, SIM_GEN_INT, NULL, 200, 1, 5000 },
  { "Local_Name__c", "Local Name", SIM_TYPE_STRING, 255, 0, 0, 0, SIM_GEN_COMPANY, NULL, 300 },
  { "Health_Index__c", "Health Index", SIM_TYPE_DOUBLE, 0, 18, 2, F_RO | F_CALC, SIM_GEN_DOUBLE, "Score__c * 2", 0, 0, 200 },
};

static const char *custom_object_names[] = {
  "Project", "Invoice", "Shipment", "Subscription", "Support_Ticket", "Warehouse",
  "Contract_Term", "Partner_Program", "Asset_Tracker", "Survey_Response",
};

static const char *
picklist_values_lookup (const char   *name,
                        const char ***values_out)
{
  for (guint i = 0; i < G_N_ELEMENTS (picklists); i++)
    if (g_str_equal (picklists[i].name, name))
      {
        *values_out = (const char **) picklists[i].values;
        return name;
      }
  g_assert_not_reached ();
  return NULL;
}

static void
sim_field_free (SimField *field)
{
  g_free (field->name);
  g_free (field->label);
  g_free (field->compound_name);
  g_free (field->extra_type_info);
  g_free (field->relationship_name);
  g_strfreev (field->reference_to);
  g_strfreev (field->picklist);
  g_free (field->formula);
  g_free (field->const_value);
  g_clear_pointer (&field->components, g_array_unref);
  g_free (field);
}

static void
child_relationship_free (SimChildRelationship *rel)
{
  g_free (rel->child_object);
  g_free (rel->field);
  g_free (rel->relationship_name);
  g_free (rel);
}

static void
sim_object_free (SimObject *object)
{
  g_free (object->name);
  g_free (object->label);
  g_free (object->label_plural);
  g_free (object->key_prefix);
  g_ptr_array_unref (object->fields);
  g_hash_table_unref (object->fields_by_name);
  g_hash_table_unref (object->relationships);
  g_ptr_array_unref (object->children);
  g_free (object);
}

static SimObject *
object_new (const char    *name,
            const char    *label,
            const char    *label_plural,
            const char    *key_prefix,
            SimObjectKind  kind)
{
  SimObject *object = g_new0 (SimObject, 1);

  object->name = g_strdup (name);
  object->label = g_strdup (label);
  object->label_plural = g_strdup (label_plural);
  object->key_prefix = g_strdup (key_prefix);
  object->kind = kind;
  object->writable = kind == SIM_OBJECT_DATA;
  object->custom = g_str_has_suffix (name, "__c");
  object->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_field_free);
  object->fields_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  object->relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  object->children = g_ptr_array_new_with_free_func ((GDestroyNotify) child_relationship_free);
  object->salt = sim_hash_string (name);
  return object;
}

static SimField *
add_field (SimObject    *object,
           const char   *name,
           const char   *label,
           SimFieldType  type,
           SimGen        gen)
{
  SimField *field = g_new0 (SimField, 1);

  field->name = g_strdup (name);
  field->label = g_strdup (label);
  field->type = type;
  field->gen = gen;
  field->nillable = type != SIM_TYPE_BOOLEAN;
  field->createable = object->writable;
  field->updateable = object->writable;
  field->custom = g_str_has_suffix (name, "__c");
  field->object = object;
  field->index = object->fields->len;

  switch (type)
    {
    case SIM_TYPE_ID:
    case SIM_TYPE_REFERENCE:
      field->length = 18;
      break;
    default:
      break;
    }

  g_ptr_array_add (object->fields, field);
  g_hash_table_insert (object->fields_by_name, g_ascii_strdown (name, -1), field);
  return field;
}

static void
set_reference (SimField   *field,
               const char *targets)
{
  g_autofree char *rel = NULL;

  field->reference_to = g_strsplit (targets, ",", -1);
  field->polymorphic = g_strv_length (field->reference_to) > 1;

  if (g_str_has_suffix (field->name, "__c"))
    rel = g_strdup_printf ("%.*s__r", (int) strlen (field->name) - 3, field->name);
  else if (g_str_has_suffix (field->name, "Id"))
    rel = g_strndup (field->name, strlen (field->name) - 2);

  if (rel != NULL)
    {
      field->relationship_name = g_steal_pointer (&rel);
      g_hash_table_insert (field->object->relationships,
                           g_ascii_strdown (field->relationship_name, -1), field);
    }
}

static SimField *
add_spec (SimObject       *object,
          const FieldSpec *spec)
{
  SimField *field = add_field (object, spec->name, spec->label, spec->type, spec->gen);

  field->length = spec->length ? spec->length : field->length;
  field->precision = spec->precision;
  field->scale = spec->scale;
  field->null_permille = spec->null_permille;
  field->gen_min = spec->min;
  field->gen_max = spec->max;

  if (spec->type == SIM_TYPE_INT)
    field->digits = 9;
  if (spec->flags & F_REQ)
    field->nillable = FALSE;
  if (spec->flags & (F_RO | F_CALC))
    field->createable = field->updateable = FALSE;
  if (spec->flags & F_CALC)
    {
      field->calculated = TRUE;
      field->formula = g_strdup (spec->arg);
    }
  field->name_field = !!(spec->flags & F_NAME);
  field->id_lookup = !!(spec->flags & F_IDL);
  field->defaulted = !!(spec->flags & F_DEF);
  field->unique = !!(spec->flags & F_UNIQ);
  field->external_id = !!(spec->flags & F_EXT);

  if (spec->type == SIM_TYPE_REFERENCE)
    {
      set_reference (field, spec->arg);
      if (spec->gen == SIM_GEN_CONST)
        field->const_value = g_strdup ("00e8d000000Ab1cAAC");
    }
  else if (spec->type == SIM_TYPE_PICKLIST || spec->type == SIM_TYPE_MULTIPICKLIST)
    {
      if (spec->gen == SIM_GEN_CONST)
        {
          const char *one[] = { spec->arg, NULL };

          field->picklist = g_strdupv ((char **) one);
          field->const_value = g_strdup (spec->arg);
        }
      else if (spec->arg != NULL && spec->gen != SIM_GEN_OBJECT_NAME)
        {
          const char **values;

          picklist_values_lookup (spec->arg, &values);
          field->picklist = g_strdupv ((char **) values);
        }
    }
  else if (spec->arg != NULL && !field->calculated)
    field->const_value = g_strdup (spec->arg);

  if (spec->type == SIM_TYPE_TEXTAREA)
    field->extra_type_info = g_strdup ("plaintextarea");

  return field;
}

static void
add_system_fields (SimObject *object)
{
  SimField *field;

  field = add_field (object, "CreatedDate", "Created Date", SIM_TYPE_DATETIME, SIM_GEN_CREATED);
  field->nillable = field->createable = field->updateable = FALSE;
  field->defaulted = TRUE;
  field = add_field (object, "CreatedById", "Created By ID", SIM_TYPE_REFERENCE, SIM_GEN_ADMIN);
  field->nillable = field->createable = field->updateable = FALSE;
  field->defaulted = TRUE;
  set_reference (field, "User");
  field = add_field (object, "LastModifiedDate", "Last Modified Date", SIM_TYPE_DATETIME, SIM_GEN_MODSTAMP);
  field->nillable = field->createable = field->updateable = FALSE;
  field->defaulted = TRUE;
  field = add_field (object, "LastModifiedById", "Last Modified By ID", SIM_TYPE_REFERENCE, SIM_GEN_ADMIN);
  field->nillable = field->createable = field->updateable = FALSE;
  field->defaulted = TRUE;
  set_reference (field, "User");
  field = add_field (object, "SystemModstamp", "System Modstamp", SIM_TYPE_DATETIME, SIM_GEN_MODSTAMP);
  field->nillable = field->createable = field->updateable = FALSE;
  field->defaulted = TRUE;
}

static void
add_viewed_fields (SimObject *object)
{
  SimField *field;

  field = add_field (object, "LastViewedDate", "Last Viewed Date", SIM_TYPE_DATETIME, SIM_GEN_NULL);
  field->createable = field->updateable = FALSE;
  field = add_field (object, "LastReferencedDate", "Last Referenced Date", SIM_TYPE_DATETIME, SIM_GEN_NULL);
  field->createable = field->updateable = FALSE;
}

static void
add_component (SimField *compound,
               SimField *component)
{
  int index = component->index;

  component->compound_name = g_strdup (compound->name);
  g_array_append_val (compound->components, index);
}

/* Street, City, State, PostalCode, Country, Latitude, Longitude,
 * GeocodeAccuracy, then the compound field, as Salesforce lists them. */
static void
add_address (SimObject  *object,
             const char *prefix,
             const char *compound,
             int         null_permille)
{
  static const struct { const char *suffix; const char *label; SimFieldType type; int len; SimGen gen; } parts[] = {
    { "Street", "Street", SIM_TYPE_TEXTAREA, 255, SIM_GEN_STREET },
    { "City", "City", SIM_TYPE_STRING, 40, SIM_GEN_CITY },
    { "State", "State/Province", SIM_TYPE_STRING, 80, SIM_GEN_STATE },
    { "PostalCode", "Zip/Postal Code", SIM_TYPE_STRING, 20, SIM_GEN_POSTAL },
    { "Country", "Country", SIM_TYPE_STRING, 80, SIM_GEN_COUNTRY },
    { "Latitude", "Latitude", SIM_TYPE_DOUBLE, 0, SIM_GEN_LATITUDE },
    { "Longitude", "Longitude", SIM_TYPE_DOUBLE, 0, SIM_GEN_LONGITUDE },
    { "GeocodeAccuracy", "Geocode Accuracy", SIM_TYPE_PICKLIST, 40, SIM_GEN_NULL },
  };
  SimField *address;
  int first = object->fields->len;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strconcat (prefix, parts[i].suffix, NULL);
      g_autofree char *label = g_strdup_printf ("%s%s%s", prefix, *prefix ? " " : "", parts[i].label);
      SimField *field = add_field (object, name, label, parts[i].type, parts[i].gen);

      field->length = parts[i].len;
      field->null_permille = null_permille;
      if (parts[i].type == SIM_TYPE_DOUBLE)
        {
          field->precision = 18;
          field->scale = 15;
        }
      if (parts[i].type == SIM_TYPE_PICKLIST)
        {
          const char **values;

          picklist_values_lookup ("GeocodeAccuracy", &values);
          field->picklist = g_strdupv ((char **) values);
        }
      if (parts[i].type == SIM_TYPE_TEXTAREA)
        field->extra_type_info = g_strdup ("plaintextarea");
    }

  {
    g_autofree char *label = g_strdup_printf ("%s%sAddress", prefix, *prefix ? " " : "");

    address = add_field (object, compound, label, SIM_TYPE_ADDRESS, SIM_GEN_COMPOUND);
    address->createable = address->updateable = FALSE;
    address->components = g_array_new (FALSE, FALSE, sizeof (int));
    for (int i = first; i < first + (int) G_N_ELEMENTS (parts); i++)
      add_component (address, g_ptr_array_index (object->fields, i));
  }
}

static void
add_person_name (SimObject *object)
{
  SimField *last, *first, *salutation, *name;
  const char **values;

  last = add_field (object, "LastName", "Last Name", SIM_TYPE_STRING, SIM_GEN_LAST_NAME);
  last->length = 80;
  last->nillable = FALSE;
  first = add_field (object, "FirstName", "First Name", SIM_TYPE_STRING, SIM_GEN_FIRST_NAME);
  first->length = 40;
  first->null_permille = 30;
  salutation = add_field (object, "Salutation", "Salutation", SIM_TYPE_PICKLIST, SIM_GEN_PICKLIST);
  salutation->length = 40;
  salutation->null_permille = 300;
  picklist_values_lookup ("Salutation", &values);
  salutation->picklist = g_strdupv ((char **) values);
  name = add_field (object, "Name", "Full Name", SIM_TYPE_STRING, SIM_GEN_PERSON_NAME);
  name->length = 121;
  name->name_field = TRUE;
  name->createable = name->updateable = FALSE;
  name->extra_type_info = g_strdup ("personname");
  name->components = g_array_new (FALSE, FALSE, sizeof (int));
  add_component (name, salutation);
  add_component (name, first);
  add_component (name, last);
}

static void
add_location (SimObject       *object,
              const FieldSpec *spec)
{
  g_autofree char *base = g_strndup (spec->name, strlen (spec->name) - 3);
  g_autofree char *lat_name = g_strconcat (base, "__Latitude__s", NULL);
  g_autofree char *lng_name = g_strconcat (base, "__Longitude__s", NULL);
  g_autofree char *lat_label = g_strconcat (spec->label, " (Latitude)", NULL);
  g_autofree char *lng_label = g_strconcat (spec->label, " (Longitude)", NULL);
  SimField *location, *lat, *lng;

  location = add_field (object, spec->name, spec->label, SIM_TYPE_LOCATION, SIM_GEN_COMPOUND);
  location->createable = location->updateable = FALSE;
  location->scale = 6;
  location->components = g_array_new (FALSE, FALSE, sizeof (int));
  lat = add_field (object, lat_name, lat_label, SIM_TYPE_DOUBLE, SIM_GEN_LATITUDE);
  lat->precision = 9;
  lat->scale = 6;
  lat->null_permille = spec->null_permille;
  lng = add_field (object, lng_name, lng_label, SIM_TYPE_DOUBLE, SIM_GEN_LONGITUDE);
  lng->precision = 9;
  lng->scale = 6;
  lng->null_permille = spec->null_permille;
  add_component (location, lat);
  add_component (location, lng);
}

static void
add_custom_fields (SimObject *object,
                   guint      n_custom_fields)
{
  for (guint i = 0; i < n_custom_fields; i++)
    {
      if (i < G_N_ELEMENTS (custom_field_templates))
        {
          const FieldSpec *spec = &custom_field_templates[i];

          if (spec->type == SIM_TYPE_LOCATION)
            add_location (object, spec);
          else
            add_spec (object, spec);
        }
      else
        {
          g_autofree char *name = g_strdup_printf ("Custom_Field_%u__c", i + 1);
          g_autofree char *label = g_strdup_printf ("Custom Field %u", i + 1);
          SimField *field = add_field (object, name, label, SIM_TYPE_STRING, SIM_GEN_TITLE);

          field->length = 255;
          field->null_permille = 300;
        }
    }
}

static SimObject *
build_object (const char      *name,
              const char      *label,
              const char      *label_plural,
              const char      *prefix,
              SimObjectKind    kind,
              const FieldSpec *specs,
              guint            default_records,
              guint            n_custom_fields)
{
  SimObject *object = object_new (name, label, label_plural, prefix, kind);
  g_autofree char *id_label = g_strdup_printf ("%s ID", label);
  SimField *id = add_field (object, "Id", id_label, SIM_TYPE_ID, SIM_GEN_ID);

  id->nillable = id->createable = id->updateable = FALSE;
  id->defaulted = id->id_lookup = TRUE;
  object->default_records = default_records;

  if (kind == SIM_OBJECT_DATA)
    {
      SimField *deleted = add_field (object, "IsDeleted", "Deleted", SIM_TYPE_BOOLEAN, SIM_GEN_FALSE);

      deleted->createable = deleted->updateable = FALSE;
      deleted->defaulted = TRUE;
    }

  for (const FieldSpec *spec = specs; spec->name != NULL; spec++)
    {
      if (g_str_equal (spec->name, "@system"))
        add_system_fields (object);
      else if (g_str_equal (spec->name, "@viewed"))
        add_viewed_fields (object);
      else if (g_str_equal (spec->name, "@name"))
        add_person_name (object);
      else if (g_str_equal (spec->name, "@address"))
        add_address (object, spec->label, spec->arg, spec->null_permille);
      else
        add_spec (object, spec);
    }

  if (kind == SIM_OBJECT_OBJECT_PERMISSIONS)
    add_system_fields (object);

  if (kind == SIM_OBJECT_DATA && !g_str_equal (name, "User"))
    add_custom_fields (object, n_custom_fields);

  return object;
}

static SimObject *
build_custom_object (guint i,
                     guint n_custom_fields)
{
  static const FieldSpec specs[] = {
    { "OwnerId", "Owner ID", SIM_TYPE_REFERENCE, 18, 0, 0, F_REQ | F_DEF, SIM_GEN_OWNER, "User" },
    { "Name", "Name", SIM_TYPE_STRING, 80, 0, 0, F_NAME, SIM_GEN_EXTERNAL_KEY },
    { "@system" },
    { "@viewed" },
    { "Account__c", "Account", SIM_TYPE_REFERENCE, 18, 0, 0, 0, SIM_GEN_REFERENCE, "Account", 100 },
    { NULL }
  };
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *plural = NULL;
  g_autofree char *prefix = g_strdup_printf ("a%02X", i);

  if (i < G_N_ELEMENTS (custom_object_names))
    base = g_strdup (custom_object_names[i]);
  else
    base = g_strdup_printf ("Custom_Object_%u", i + 1);

  name = g_strconcat (base, "__c", NULL);
  label = g_strdelimit (g_strdup (base), "_", ' ');
  plural = g_strconcat (label, "s", NULL);
  return build_object (name, label, plural, prefix, SIM_OBJECT_DATA, specs, 200, n_custom_fields);
}

static void
add_child_relationships (SimSchema *schema)
{
  static const struct { const char *child; const char *field; const char *rel; } known[] = {
    { "Account", "ParentId", "ChildAccounts" },
    { "Contact", "AccountId", "Contacts" },
    { "Opportunity", "AccountId", "Opportunities" },
    { "Contact", "ReportsToId", NULL },
    { "Opportunity", "CampaignId", "Opportunities" },
    { "Campaign", "ParentId", "ChildCampaigns" },
    { "Opportunity", "ContactId", "Opportunities" },
  };

  for (guint i = 0; i < schema->objects->len; i++)
    {
      SimObject *child = g_ptr_array_index (schema->objects, i);

      if (child->kind != SIM_OBJECT_DATA)
        continue;

      for (guint f = 0; f < child->fields->len; f++)
        {
          SimField *field = g_ptr_array_index (child->fields, f);

          if (field->type != SIM_TYPE_REFERENCE)
            continue;

          for (guint t = 0; field->reference_to[t] != NULL; t++)
            {
              SimObject *parent = sim_schema_lookup (schema, field->reference_to[t]);
              SimChildRelationship *rel;

              if (parent == NULL)
                continue;

              rel = g_new0 (SimChildRelationship, 1);
              rel->child_object = g_strdup (child->name);
              rel->field = g_strdup (field->name);
              rel->cascade_delete = g_str_equal (field->name, "AccountId") && g_str_equal (child->name, "Contact");
              for (guint k = 0; k < G_N_ELEMENTS (known); k++)
                if (g_str_equal (known[k].child, child->name) && g_str_equal (known[k].field, field->name))
                  rel->relationship_name = g_strdup (known[k].rel);
              if (rel->relationship_name == NULL && child->custom)
                rel->relationship_name = g_strdup_printf ("%.*ss__r", (int) strlen (child->name) - 3,
                                                          child->name);
              g_ptr_array_add (parent->children, rel);
            }
        }
    }
}

/* The generator hashes these for every value: do it once. */
static void
resolve_fields (SimSchema *schema)
{
  for (guint i = 0; i < schema->objects->len; i++)
    {
      SimObject *object = g_ptr_array_index (schema->objects, i);

      for (guint f = 0; f < object->fields->len; f++)
        {
          SimField *field = g_ptr_array_index (object->fields, f);

          field->salt = sim_hash_string (field->name);
          field->group_salt = sim_hash_string (field->compound_name ? field->compound_name : field->name);
          if (field->reference_to != NULL)
            field->target = sim_schema_lookup (schema, field->reference_to[0]);
        }
    }
}

static void
register_object (SimSchema *schema,
                 SimObject *object)
{
  g_ptr_array_add (schema->objects, object);
  g_hash_table_insert (schema->by_name, g_ascii_strdown (object->name, -1), object);
  if (object->key_prefix != NULL)
    g_hash_table_insert (schema->by_prefix, object->key_prefix, object);
}

SimSchema *
sim_schema_new (guint n_custom_objects,
                guint n_custom_fields)
{
  SimSchema *schema = g_new0 (SimSchema, 1);

  schema->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) sim_object_free);
  schema->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  schema->by_prefix = g_hash_table_new (g_str_hash, g_str_equal);

  register_object (schema, build_object ("Account", "Account", "Accounts", "001", SIM_OBJECT_DATA,
                                         account_fields, 1000, n_custom_fields));
  register_object (schema, build_object ("Campaign", "Campaign", "Campaigns", "701", SIM_OBJECT_DATA,
                                         campaign_fields, 30, n_custom_fields));
  register_object (schema, build_object ("Contact", "Contact", "Contacts", "003", SIM_OBJECT_DATA,
                                         contact_fields, 2000, n_custom_fields));
  register_object (schema, build_object ("Lead", "Lead", "Leads", "00Q", SIM_OBJECT_DATA,
                                         lead_fields, 500, n_custom_fields));
  register_object (schema, build_object ("ObjectPermissions", "Object Permissions",
                                         "Object Permissions", "110",
                                         SIM_OBJECT_OBJECT_PERMISSIONS, object_permission_fields, 0, 0));
  register_object (schema, build_object ("Opportunity", "Opportunity", "Opportunities", "006",
                                         SIM_OBJECT_DATA, opportunity_fields, 800, n_custom_fields));
  register_object (schema, build_object ("Organization", "Organization", "Organizations", "00D",
                                         SIM_OBJECT_ORGANIZATION, organization_fields, 1, 0));
  register_object (schema, build_object ("PermissionSetAssignment", "Permission Set Assignment",
                                         "Permission Set Assignments", "0Pa",
                                         SIM_OBJECT_PERMSET_ASSIGNMENT, permset_assignment_fields, 1, 0));
  register_object (schema, build_object ("User", "User", "Users", "005", SIM_OBJECT_DATA,
                                         user_fields, 25, 0));
  register_object (schema, build_object ("UserPermissionAccess", "User Permission Access",
                                         "User Permission Access", NULL,
                                         SIM_OBJECT_USER_PERMISSION_ACCESS, user_permission_fields, 1, 0));

  for (guint i = 0; i < n_custom_objects; i++)
    register_object (schema, build_custom_object (i, n_custom_fields));

  add_child_relationships (schema);
  resolve_fields (schema);
  return schema;
}

void
sim_schema_free (SimSchema *schema)
{
  g_hash_table_unref (schema->by_prefix);
  g_hash_table_unref (schema->by_name);
  g_ptr_array_unref (schema->objects);
  g_free (schema);
}

SimObject *
sim_schema_lookup (SimSchema  *schema,
                   const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (schema->by_name, lower);
}

SimObject *
sim_schema_lookup_prefix (SimSchema  *schema,
                          const char *prefix)
{
  return g_hash_table_lookup (schema->by_prefix, prefix);
}

SimField *
sim_object_lookup_field (SimObject  *object,
                         const char *name)
{
  char lower[256];
  gsize len = strlen (name);

  if (len >= sizeof lower)
    return NULL;
  for (gsize i = 0; i <= len; i++)
    lower[i] = g_ascii_tolower (name[i]);
  return g_hash_table_lookup (object->fields_by_name, lower);
}

SimField *
sim_object_lookup_relationship (SimObject  *object,
                                const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (object->relationships, lower);
}

SimField *
sim_object_get_field (SimObject *object,
                      guint      index)
{
  return g_ptr_array_index (object->fields, index);
}

gboolean
sim_field_is_compound (SimField *field)
{
  return field->type == SIM_TYPE_ADDRESS || field->type == SIM_TYPE_LOCATION;
}

const char *
sim_field_type_name (SimFieldType type)
{
  static const char *names[] = {
    "id", "string", "boolean", "int", "double", "currency", "percent", "date", "datetime",
    "reference", "picklist", "multipicklist", "textarea", "phone", "email", "url", "base64",
    "address", "location",
  };

  return names[type];
}

const char *
sim_field_soap_type (SimFieldType type)
{
  switch (type)
    {
    case SIM_TYPE_ID:
    case SIM_TYPE_REFERENCE:
      return "tns:ID";
    case SIM_TYPE_BOOLEAN:
      return "xsd:boolean";
    case SIM_TYPE_INT:
      return "xsd:int";
    case SIM_TYPE_DOUBLE:
    case SIM_TYPE_CURRENCY:
    case SIM_TYPE_PERCENT:
      return "xsd:double";
    case SIM_TYPE_DATE:
      return "xsd:date";
    case SIM_TYPE_DATETIME:
      return "xsd:dateTime";
    case SIM_TYPE_BASE64:
      return "xsd:base64Binary";
    case SIM_TYPE_ADDRESS:
      return "urn:address";
    case SIM_TYPE_LOCATION:
      return "urn:location";
    case SIM_TYPE_STRING:
    case SIM_TYPE_PICKLIST:
    case SIM_TYPE_MULTIPICKLIST:
    case SIM_TYPE_TEXTAREA:
    case SIM_TYPE_PHONE:
    case SIM_TYPE_EMAIL:
    case SIM_TYPE_URL:
    default:
      return "xsd:string";
    }
}
