import type { Migration } from 'kysely';
import * as foundation from './20261127_0001_foundation.js';
import * as metrics from './20261127_0002_metrics.js';
import * as goals from './20261127_0003_goals.js';
import * as changeNotifications from './20261127_0004_change_notifications.js';
import * as handoffs from './20261127_0005_handoffs.js';
import * as demos from './20261127_0006_demos.js';
import * as domainEvents from './20261201_1200_domain_events.js';
import * as scheduledJobs from './20261201_1201_scheduled_jobs.js';
import * as auditChain from './20261201_0007_audit_chain.js';
import * as csvColumns from './20261202_0100_csv_columns.js';
import * as weeklyUpdates from './20261202_0201_weekly_updates.js';
import * as conversation from './20261202_0500_conversation.js';
import * as personalTokens from './20261202_0601_personal_tokens_and_sessions.js';
import * as channels from './20261202_0700_channels.js';
import * as singleSignOn from './20261202_0602_single_sign_on.js';
import * as auditRedaction from './20261202_0800_audit_redaction.js';
import * as healthSnapshots from './20261202_0202_health_snapshots.js';
import * as initiativeHealth from './20261203_01_initiative_health.js';
import * as passwordResets from './20261203_0201_password_resets.js';
import * as failedDeliveriesIndex from './20261203_1001_failed_deliveries_index.js';

/** The one migration chain for both databases, in order. Append only. */
export const migrations: Record<string, Migration> = {
  '20261127_0001_foundation': foundation,
  '20261127_0002_metrics': metrics,
  '20261127_0003_goals': goals,
  '20261127_0004_change_notifications': changeNotifications,
  '20261127_0005_handoffs': handoffs,
  '20261127_0006_demos': demos,
  '20261201_1200_domain_events': domainEvents,
  '20261201_1201_scheduled_jobs': scheduledJobs,
  '20261201_0007_audit_chain': auditChain,
  '20261202_0100_csv_columns': csvColumns,
  '20261202_0201_weekly_updates': weeklyUpdates,
  '20261202_0500_conversation': conversation,
  '20261202_0601_personal_tokens_and_sessions': personalTokens,
  '20261202_0700_channels': channels,
  '20261202_0602_single_sign_on': singleSignOn,
  '20261202_0800_audit_redaction': auditRedaction,
  '20261202_0202_health_snapshots': healthSnapshots,
  '20261203_01_initiative_health': initiativeHealth,
  '20261203_0201_password_resets': passwordResets,
  '20261203_1001_failed_deliveries_index': failedDeliveriesIndex,
};
