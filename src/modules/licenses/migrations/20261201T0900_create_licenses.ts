import type { Kysely } from 'kysely'

// Frozen in time: imports nothing from the app.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('licenses_type')
    .addColumn('code', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('key', 'varchar(60)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('holder_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('licenses_issuer')
    .addColumn('department_id', 'varchar(60)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(120)', (c) => c.notNull())
    .addColumn('credit_code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('certificate_pem', 'text')
    .addColumn('vc_key_id', 'varchar(40)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('licenses_license')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('identifier', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('type_code', 'varchar(40)', (c) => c.notNull())
    .addColumn('number', 'varchar(40)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('issuer_department_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('holder_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('holder_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('holder_masked', 'varchar(64)', (c) => c.notNull())
    // SM3 of the holder's identifier (ID number or credit code): find a holder's licences without storing a clear index.
    .addColumn('holder_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('holder_account_id', 'varchar(80)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'bigint')
    .addColumn('status_list_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('replaces_id', 'varchar(40)')
    .addColumn('replaced_by_id', 'varchar(40)')
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    // Idempotency key of the source (application id, import key and row): one licence per source row.
    .addColumn('source_ref', 'varchar(160)', (c) => c.unique())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('ledger_entry_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('valid_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('valid_until', 'varchar(10)')
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('licenses_license_holder_key').on('licenses_license').columns(['holder_key']).execute()
  await db.schema.createIndex('licenses_license_holder_account').on('licenses_license').columns(['holder_account_id']).execute()
  await db.schema.createIndex('licenses_license_issuer_type').on('licenses_license').columns(['issuer_department_id', 'type_code', 'id']).execute()
  await db.schema.createIndex('licenses_license_status_slot').on('licenses_license').columns(['status_list_id', 'status_index']).unique().execute()

  await db.schema
    .createTable('licenses_status_change')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('license_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('licenses_status_change_license').on('licenses_status_change').columns(['license_id', 'at']).execute()

  await db.schema
    .createTable('licenses_status_list')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('issuer_department_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('next_index', 'integer', (c) => c.notNull())
    // revision grows with every status change of a licence in the list; published_revision trails it.
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('published_revision', 'integer', (c) => c.notNull())
    .addColumn('revocation', 'text')
    .addColumn('suspension', 'text')
    .addColumn('head_hash', 'varchar(80)')
    .addColumn('ledger_entry_id', 'varchar(40)')
    .addColumn('published_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('licenses_status_list_issuer').on('licenses_status_list').columns(['issuer_department_id', 'seq']).unique().execute()

  await db.schema
    .createTable('licenses_sequence')
    .addColumn('name', 'varchar(120)', (c) => c.primaryKey())
    .addColumn('next', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('licenses_consent')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('license_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('granted_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('department_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('application_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(500)', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('access_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('licenses_consent_license').on('licenses_consent').columns(['license_id']).execute()
  await db.schema.createIndex('licenses_consent_application').on('licenses_consent').columns(['application_id']).execute()

  await db.schema
    .createTable('licenses_access')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('consent_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('license_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('application_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(80)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(120)', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('licenses_access_license').on('licenses_access').columns(['license_id', 'at']).execute()
  await db.schema.createIndex('licenses_access_consent').on('licenses_access').columns(['consent_id', 'at']).execute()

  await db.schema
    .createTable('licenses_verification')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(60)', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('licenses_verification_pk', ['day', 'outcome'])
    .execute()

  await db.schema
    .createTable('licenses_issue_request')
    .addColumn('application_id', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('license_id', 'varchar(40)')
    .addColumn('lease_until', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('licenses_issue_request_state').on('licenses_issue_request').columns(['state', 'lease_until']).execute()

  await db.schema
    .createTable('licenses_import')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('key', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('type_code', 'varchar(40)', (c) => c.notNull())
    .addColumn('department_id', 'varchar(60)', (c) => c.notNull())
    .addColumn('format', 'varchar(10)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('rows_read', 'bigint', (c) => c.notNull())
    .addColumn('committed', 'bigint', (c) => c.notNull())
    .addColumn('failed', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'varchar(80)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('licenses_import_error')
    .addColumn('import_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('row_no', 'bigint', (c) => c.notNull())
    .addColumn('code', 'varchar(60)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('licenses_import_error_pk', ['import_id', 'row_no'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['licenses_import_error', 'licenses_import', 'licenses_issue_request', 'licenses_verification', 'licenses_access', 'licenses_consent',
    'licenses_sequence', 'licenses_status_list', 'licenses_status_change', 'licenses_license', 'licenses_issuer', 'licenses_type']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
