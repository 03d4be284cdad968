-- Tandem on PostgreSQL with an app role that does not own the tables.
--
-- 1. Create the two roles and the database (as a superuser), e.g.
--      create role tandem_owner login password '…';
--      create role tandem_app login password '…';
--      create database tandem owner tandem_owner;
-- 2. Create the tables as the owner:
--      DATABASE_URL=postgres://tandem_owner:…@db/tandem npx tandem migrate
-- 3. Run this file as the owner, naming the app role:
--      psql "postgres://tandem_owner:…@db/tandem" -v app=tandem_app -f docs/postgres-app-role.sql
-- 4. Start Tandem as the app role; migrations of later versions run as the owner:
--      DATABASE_URL=postgres://tandem_app:…@db/tandem \
--      DATABASE_MIGRATION_URL=postgres://tandem_owner:…@db/tandem npm start
--
-- The app role can then read and write data but cannot alter tables, switch off the audit
-- trail's triggers, or change, delete or forge audit events and their hash chain (the chain
-- is written by a trigger function that runs as the owner).

grant usage on schema public to :"app";

-- Every table there is, and every table later migrations create: read and write.
grant select, insert, update, delete on all tables in schema public to :"app";
alter default privileges in schema public grant select, insert, update, delete on tables to :"app";

-- The audit trail: append only, and the chain is the owner's to write.
revoke update, delete, truncate on audit_events from :"app";
revoke insert, update, delete, truncate on audit_chain, audit_chain_head from :"app";

-- The migration bookkeeping: the app only checks that it is current.
revoke insert, update, delete, truncate on kysely_migration, kysely_migration_lock from :"app";
