import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`redirects\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`from\` text NOT NULL,
  	\`to_type\` text DEFAULT 'reference',
  	\`to_url\` text,
  	\`owner_clinic_id\` integer,
  	\`kind\` text DEFAULT 'manual',
  	\`import_source_key\` text,
  	\`import_source_content_hash\` text,
  	\`import_source_sources\` text,
  	\`import_source_imported_at\` text,
  	\`import_source_edited_after_import\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`owner_clinic_id\`) REFERENCES \`clinics\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`redirects_from_idx\` ON \`redirects\` (\`from\`);`)
  await db.run(sql`CREATE INDEX \`redirects_owner_clinic_idx\` ON \`redirects\` (\`owner_clinic_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_import_source_import_source_key_idx\` ON \`redirects\` (\`import_source_key\`);`)
  await db.run(sql`CREATE INDEX \`redirects_updated_at_idx\` ON \`redirects\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`redirects_created_at_idx\` ON \`redirects\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`ownerClinic_from_idx\` ON \`redirects\` (\`owner_clinic_id\`,\`from\`);`)
  await db.run(sql`CREATE TABLE \`redirects_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`redirects\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`redirects_rels_order_idx\` ON \`redirects_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_parent_idx\` ON \`redirects_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_path_idx\` ON \`redirects_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`redirects_rels_articles_id_idx\` ON \`redirects_rels\` (\`articles_id\`);`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`import_source_key\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`import_source_content_hash\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`import_source_sources\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`import_source_imported_at\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`import_source_edited_after_import\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`articles_import_source_import_source_key_idx\` ON \`articles\` (\`import_source_key\`);`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_import_source_key\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_import_source_content_hash\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_import_source_sources\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_import_source_imported_at\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_import_source_edited_after_import\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_import_source_version_import_source__idx\` ON \`_articles_v\` (\`version_import_source_key\`);`)
  await db.run(sql`ALTER TABLE \`providers\` ADD \`needs_review\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`providers\` ADD \`import_source_key\` text;`)
  await db.run(sql`ALTER TABLE \`providers\` ADD \`import_source_content_hash\` text;`)
  await db.run(sql`ALTER TABLE \`providers\` ADD \`import_source_sources\` text;`)
  await db.run(sql`ALTER TABLE \`providers\` ADD \`import_source_imported_at\` text;`)
  await db.run(sql`ALTER TABLE \`providers\` ADD \`import_source_edited_after_import\` integer DEFAULT false;`)
  await db.run(sql`CREATE INDEX \`providers_import_source_import_source_key_idx\` ON \`providers\` (\`import_source_key\`);`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`source_url\` text;`)
  await db.run(sql`CREATE INDEX \`media_source_url_idx\` ON \`media\` (\`source_url\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`redirects_id\` integer REFERENCES redirects(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_redirects_id_idx\` ON \`payload_locked_documents_rels\` (\`redirects_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`redirects\`;`)
  await db.run(sql`DROP TABLE \`redirects_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`articles_id\` integer,
  	\`faqs_id\` integer,
  	\`conditions_id\` integer,
  	\`clinics_id\` integer,
  	\`providers_id\` integer,
  	\`media_id\` integer,
  	\`users_id\` integer,
  	\`site_builds_id\` integer,
  	\`consultation_intakes_id\` integer,
  	\`consultation_deliveries_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`articles_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`faqs_id\`) REFERENCES \`faqs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conditions_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`clinics_id\`) REFERENCES \`clinics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`providers_id\`) REFERENCES \`providers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`site_builds_id\`) REFERENCES \`site_builds\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consultation_intakes_id\`) REFERENCES \`consultation_intakes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consultation_deliveries_id\`) REFERENCES \`consultation_deliveries\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "articles_id", "faqs_id", "conditions_id", "clinics_id", "providers_id", "media_id", "users_id", "site_builds_id", "consultation_intakes_id", "consultation_deliveries_id") SELECT "id", "order", "parent_id", "path", "articles_id", "faqs_id", "conditions_id", "clinics_id", "providers_id", "media_id", "users_id", "site_builds_id", "consultation_intakes_id", "consultation_deliveries_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_articles_id_idx\` ON \`payload_locked_documents_rels\` (\`articles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_faqs_id_idx\` ON \`payload_locked_documents_rels\` (\`faqs_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conditions_id_idx\` ON \`payload_locked_documents_rels\` (\`conditions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_clinics_id_idx\` ON \`payload_locked_documents_rels\` (\`clinics_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_providers_id_idx\` ON \`payload_locked_documents_rels\` (\`providers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_site_builds_id_idx\` ON \`payload_locked_documents_rels\` (\`site_builds_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_intakes_id_idx\` ON \`payload_locked_documents_rels\` (\`consultation_intakes_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consultation_deliveries_id_idx\` ON \`payload_locked_documents_rels\` (\`consultation_deliveries_id\`);`)
  await db.run(sql`DROP INDEX \`articles_import_source_import_source_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`import_source_key\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`import_source_content_hash\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`import_source_sources\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`import_source_imported_at\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`import_source_edited_after_import\`;`)
  await db.run(sql`DROP INDEX \`_articles_v_version_import_source_version_import_source__idx\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_import_source_key\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_import_source_content_hash\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_import_source_sources\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_import_source_imported_at\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_import_source_edited_after_import\`;`)
  await db.run(sql`DROP INDEX \`providers_import_source_import_source_key_idx\`;`)
  await db.run(sql`ALTER TABLE \`providers\` DROP COLUMN \`needs_review\`;`)
  await db.run(sql`ALTER TABLE \`providers\` DROP COLUMN \`import_source_key\`;`)
  await db.run(sql`ALTER TABLE \`providers\` DROP COLUMN \`import_source_content_hash\`;`)
  await db.run(sql`ALTER TABLE \`providers\` DROP COLUMN \`import_source_sources\`;`)
  await db.run(sql`ALTER TABLE \`providers\` DROP COLUMN \`import_source_imported_at\`;`)
  await db.run(sql`ALTER TABLE \`providers\` DROP COLUMN \`import_source_edited_after_import\`;`)
  await db.run(sql`DROP INDEX \`media_source_url_idx\`;`)
  await db.run(sql`ALTER TABLE \`media\` DROP COLUMN \`source_url\`;`)
}
