// fidelity.test.js
//
// Copyright 2026 The Org Sync authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Drives orgsync-sim with jsforce, a third-party Salesforce client, configured
// exactly as a user configures it for a real org: a login URL, an OAuth client
// id and secret, an API version.  Only the test harness (not jsforce) talks to
// the simulator's /_sim/ control API.

'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const jsforce = require('jsforce');

const BASE = process.env.SIM_BASE_URL;
const CLIENT_ID = process.env.SIM_CLIENT_ID;
const CLIENT_SECRET = process.env.SIM_CLIENT_SECRET;
const VERSION = '61.0';
const USERNAME = 'demo@orgsync.test';
const PASSWORD = 'demo1234' + 'DEMOTOKEN';
const REDIRECT = 'http://127.0.0.1:47999/callback';

async function control (path, body) {
  const response = await fetch(BASE + '/_sim' + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, 200, `control ${path}`);
  return response.json();
}

function oauth2 (extra = {}) {
  return new jsforce.OAuth2({
    loginUrl: BASE,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT,
    ...extra,
  });
}

async function passwordLogin () {
  const conn = new jsforce.Connection({ oauth2: oauth2(), version: VERSION });
  await conn.login(USERNAME, PASSWORD);
  return conn;
}

// The browser part of the web-server flow: follow the authorize URL and read
// the code from the redirect, as a loopback listener would receive it.
async function browserAuthorize (url) {
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 302);
  return new URL(response.headers.get('location'));
}

async function webServerLogin () {
  const auth = oauth2({ useVerifier: true });
  const url = auth.getAuthorizationUrl({ state: 'st-42', scope: 'api refresh_token' });
  assert.match(url, /code_challenge=/);
  const redirect = await browserAuthorize(url);
  assert.equal(redirect.origin + redirect.pathname, REDIRECT);
  assert.equal(redirect.searchParams.get('state'), 'st-42');
  const code = redirect.searchParams.get('code');
  assert.ok(code);

  const conn = new jsforce.Connection({ oauth2: auth, version: VERSION });
  const userInfo = await conn.authorize(code);
  return { conn, userInfo, code, auth };
}

function plain (value) {
  return value === null || value === undefined ? '' : String(value);
}

test('password login through the OAuth username-password flow', async () => {
  const conn = await passwordLogin();
  assert.ok(conn.accessToken.startsWith('00D'));
  assert.equal(conn.instanceUrl, BASE);
  assert.match(conn.userInfo.id, /^005/);
  assert.match(conn.userInfo.organizationId, /^00D/);

  const identity = await conn.identity();
  assert.equal(identity.username, USERNAME);

  await assert.rejects(
    new jsforce.Connection({ oauth2: oauth2(), version: VERSION }).login(USERNAME, 'wrong'),
    (err) => err.name === 'invalid_grant' || /authentication failure/.test(err.message));
});

test('web-server login with PKCE through the authorize redirect', async () => {
  const { conn, userInfo, code } = await webServerLogin();
  assert.ok(conn.accessToken);
  assert.ok(conn.refreshToken);
  assert.match(userInfo.id, /^005/);

  // Codes are single-use.
  const again = new jsforce.Connection({ oauth2: oauth2({ useVerifier: true }), version: VERSION });
  await assert.rejects(again.authorize(code), (err) => err.name === 'invalid_grant');
});

test('describeGlobal and describe', async () => {
  const conn = await passwordLogin();
  const global = await conn.describeGlobal();
  const names = global.sobjects.map((o) => o.name);
  for (const name of ['Account', 'Contact', 'Lead', 'Opportunity', 'User', 'Campaign'])
    assert.ok(names.includes(name), name);

  const account = await conn.sobject('Account').describe();
  assert.equal(account.name, 'Account');
  assert.equal(account.keyPrefix, '001');
  const fields = Object.fromEntries(account.fields.map((f) => [f.name, f]));
  assert.equal(fields.Name.type, 'string');
  assert.equal(fields.Name.nameField, true);
  assert.equal(fields.BillingAddress.type, 'address');
  assert.equal(fields.BillingCity.compoundFieldName, 'BillingAddress');
  assert.equal(fields.OwnerId.relationshipName, 'Owner');
  assert.ok(fields.Industry.picklistValues.length > 10);

  const contact = await conn.sobject('Contact').describe();
  assert.ok(contact.fields.some((f) => f.name === 'AccountId' && f.referenceTo[0] === 'Account'));
});

test('a query of at least 5,000 records with autoFetch matches COUNT()', async () => {
  const conn = await passwordLogin();
  const count = await conn.query('SELECT COUNT() FROM Account');
  assert.ok(count.totalSize >= 5000, `only ${count.totalSize} accounts`);

  const result = await conn.query('SELECT Id, Name, Owner.Name, BillingCity FROM Account',
                                  { autoFetch: true, maxFetch: 1000000 });
  assert.equal(result.totalSize, count.totalSize);
  assert.equal(result.records.length, count.totalSize);
  assert.equal(new Set(result.records.map((r) => r.Id)).size, count.totalSize);
  assert.ok(conn.limitInfo.apiUsage.used > 0);
});

test('queryAll sees a deleted record that query does not', async () => {
  const conn = await passwordLogin();
  const created = await conn.sobject('Account').create({ Name: 'Fidelity, "Deleted" GmbH' });
  assert.ok(created.success);
  await conn.sobject('Account').destroy(created.id);

  const soql = `SELECT Id, Name, IsDeleted FROM Account WHERE Id = '${created.id}'`;
  const live = await conn.query(soql);
  assert.equal(live.totalSize, 0);
  const all = await conn.query(soql, { scanAll: true });
  assert.equal(all.totalSize, 1);
  assert.equal(all.records[0].IsDeleted, true);
  assert.equal(all.records[0].Name, 'Fidelity, "Deleted" GmbH');
});

test('create, update and delete', async () => {
  const conn = await passwordLogin();
  const contacts = conn.sobject('Contact');
  const created = await contacts.create({ LastName: 'Žižek', FirstName: 'Ana', Email: 'ana@example.com' });
  assert.ok(created.success);
  assert.match(created.id, /^003/);

  const updated = await contacts.update({ Id: created.id, Title: 'Head of "Data", EMEA' });
  assert.ok(updated.success);
  const record = await contacts.retrieve(created.id);
  assert.equal(record.Title, 'Head of "Data", EMEA');
  assert.equal(record.Name, 'Ana Žižek');

  const deleted = await contacts.destroy(created.id);
  assert.ok(deleted.success);
  await assert.rejects(contacts.retrieve(created.id));

  await assert.rejects(contacts.create({ FirstName: 'NoLastName' }),
                       (err) => err.errorCode === 'REQUIRED_FIELD_MISSING');
});

test('limits()', async () => {
  const conn = await passwordLogin();
  const limits = await conn.limits();
  const state = await control('/limits');
  assert.equal(limits.DailyApiRequests.Max, state.max);
  assert.ok(limits.DailyApiRequests.Remaining <= state.max - 1);
  assert.ok(limits.DailyBulkV2QueryJobs.Max > 0);
});

test('a Bulk 2.0 query parses to the same records as the REST query', async () => {
  const conn = await passwordLogin();
  const soql = 'SELECT Id, Name, Industry, Description, BillingStreet, AnnualRevenue FROM Account';
  const rest = await conn.query(soql, { autoFetch: true, maxFetch: 1000000 });
  let bulk = await conn.bulk2.query(soql, { pollInterval: 500, pollTimeout: 60000 });
  if (!Array.isArray(bulk))
    bulk = await bulk.toArray();

  // jsforce 3.10.16 turns the header row of result pages 2..N into a record.
  bulk = bulk.filter((row) => row.Id !== 'Id');
  assert.equal(bulk.length, rest.records.length);

  const byId = new Map(rest.records.map((r) => [r.Id, r]));
  let tricky = 0;
  for (const row of bulk) {
    const expected = byId.get(row.Id);
    assert.ok(expected, row.Id);
    for (const name of ['Name', 'Industry', 'Description', 'BillingStreet'])
      assert.equal(plain(row[name]), plain(expected[name]), `${row.Id} ${name}`);
    assert.equal(row.AnnualRevenue === '' || row.AnnualRevenue === null ? null : Number(row.AnnualRevenue),
                 expected.AnnualRevenue);
    if (/[",\n]/.test(plain(expected.Name) + plain(expected.Description)))
      tricky++;
  }
  assert.ok(tricky > 0, 'no value with quotes, commas or newlines was compared');
});

test('an expired access token is refreshed by jsforce itself', async () => {
  const { conn } = await webServerLogin();
  const before = conn.accessToken;
  let refreshed = 0;
  conn.on('refresh', () => { refreshed++; });

  const expired = await control('/tokens/expire', { token: before });
  assert.equal(expired.affected, 1);

  const result = await conn.query('SELECT Id FROM Account LIMIT 1');
  assert.equal(result.records.length, 1);
  assert.equal(refreshed, 1);
  assert.notEqual(conn.accessToken, before);
});

test('REQUEST_LIMIT_EXCEEDED reaches jsforce with Salesforce\'s errorCode', async () => {
  const conn = await passwordLogin();
  const state = await control('/limits');
  await control('/limits', { used: state.max });
  try {
    await assert.rejects(conn.query('SELECT Id FROM Account LIMIT 1'),
                         (err) => err.errorCode === 'REQUEST_LIMIT_EXCEEDED' &&
                                  /TotalRequests Limit exceeded/.test(err.message));
  } finally {
    await control('/limits', { used: state.used });
  }
});
