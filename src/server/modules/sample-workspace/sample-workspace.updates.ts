import type { OwnerView } from '../../../domain/health.js';
import type { Side } from '../../../domain/sides.js';
import { addDays, localToUtc } from '../../../domain/cadence.js';
import { localDay } from '../../../domain/periods.js';
import { COMPANY_TIME_ZONE } from '../../../domain/time-zones.js';
import type { Actor, AppContext } from '../../context.js';
import { writeWeeklyUpdate } from '../health/weekly-updates.service.js';

/**
 * The owners' weekly updates of the demo, by initiative title: per week back (0 is this
 * week), each side's view. The invoice initiative's sides disagree this week (the business
 * sees it on track, IT off track while it waits for the invoice data).
 */
type Week = { weeksAgo: number } & Partial<Record<Side, [OwnerView, string]>>;

export const DEMO_UPDATES: Record<string, Week[]> = {
  'Lead-Generator für den Vertrieb': [
    {
      weeksAgo: 3,
      business: ['on_track', 'Das Vertriebsteam Süd nutzt die Vorschläge täglich.'],
      it: ['on_track', 'Scoring läuft stabil, der CRM-Export ist das nächste Thema.'],
    },
    {
      weeksAgo: 2,
      business: ['on_track', 'Erste Abschlüsse aus vorgeschlagenen Leads.'],
      it: ['at_risk', 'Der CRM-Export dauert noch zu lange; Lösung in Arbeit.'],
    },
    {
      weeksAgo: 1,
      business: ['on_track', 'Rückmeldungen aus dem Pilot sind überwiegend positiv.'],
      it: ['on_track', 'Export beschleunigt, jetzt unter 30 Sekunden.'],
    },
    {
      weeksAgo: 0,
      business: ['at_risk', 'Die letzte Demo ist ausgefallen; wir brauchen einen neuen Termin.'],
      it: ['at_risk', 'Demo nachholen und die Umlaute im Firmennamen beheben.'],
    },
  ],
  'Social-Media-Assistent': [
    {
      weeksAgo: 2,
      business: ['on_track', 'Die Themenliste für den Prototyp steht.'],
      it: ['on_track', 'Prototyp der Beitragsentwürfe läuft intern.'],
    },
    {
      weeksAgo: 1,
      business: ['on_track', 'Wir testen den Prototyp diese Woche mit echten Themen.'],
      it: ['on_track', 'Prototyp zur Abnahme übergeben.'],
    },
    {
      weeksAgo: 0,
      business: ['on_track', 'Eine offene Frage zu den Hashtags, sonst gut.'],
      it: ['at_risk', 'Wir warten auf die Antwort zur Hashtag-Frage.'],
    },
  ],
  'Kundenbeziehungs-Assistent': [
    {
      weeksAgo: 3,
      business: ['at_risk', 'Die Freigabe des Datenschutzes hat gedauert.'],
      it: ['at_risk', 'Lastenheft kam zurück, jetzt mit Datenschutzprotokoll.'],
    },
    {
      weeksAgo: 1,
      business: ['on_track', 'Antwortvorlagen gefallen dem Kundenservice.'],
      it: ['on_track', 'Integration in das Ticketsystem läuft.'],
    },
    {
      weeksAgo: 0,
      business: ['on_track', 'Bearbeitungszeit sinkt wie geplant.'],
      it: ['on_track', 'Integrationstests grün.'],
    },
  ],
  'Automatische Rechnungserfassung': [
    {
      weeksAgo: 3,
      business: ['on_track', 'Die Erfassung läuft im Betrieb ohne Zwischenfälle.'],
      it: ['on_track', 'Stabiler Betrieb, Nachtraining geplant.'],
    },
    {
      weeksAgo: 2,
      business: ['on_track', 'Zugang zu den Rechnungsdaten 2025 beantragt.'],
      it: ['on_track', 'Warten auf die Rechnungsdaten für das Nachtraining.'],
    },
    {
      weeksAgo: 1,
      business: ['on_track', 'Alles im Plan.'],
      it: ['at_risk', 'Die Freigabe des Rechnungsarchivs fehlt weiterhin.'],
    },
    {
      weeksAgo: 0,
      business: ['on_track', 'Die Erkennungsrate ist gut genug für den Betrieb.'],
      it: [
        'off_track',
        'Ohne die Daten 2025 können wir nicht nachtrainieren; die Erkennungsrate sinkt weiter.',
      ],
    },
  ],
};

const DAY = 86_400_000;

/**
 * Writes an initiative's demo updates through the weekly-updates service at past dates (a
 * week back each, at noon, business first, IT a minute later); this week's at now.
 */
export async function seedSampleWeeklyUpdates(
  ctx: AppContext,
  owners: Record<Side, Actor>,
  initiativeId: string,
  title: string,
  realNow: number,
): Promise<void> {
  for (const week of DEMO_UPDATES[title] ?? []) {
    for (const [k, side] of (['business', 'it'] as const).entries()) {
      const entry = week[side];
      if (!entry) continue;
      // This week's now (a minute back could be last week, Monday just after midnight); an
      // earlier week's the same weekday at noon in Berlin, counted in calendar days (a week
      // back across the change of the clocks is not 7 × 24 hours).
      const t =
        week.weeksAgo === 0
          ? realNow
          : (localToUtc(
              addDays(localDay(realNow, COMPANY_TIME_ZONE), -7 * week.weeksAgo),
              k === 0 ? '12:00' : '12:01',
              COMPANY_TIME_ZONE,
            ) ?? realNow - week.weeksAgo * 7 * DAY);
      const at: AppContext = { ...ctx, now: () => new Date(t) };
      await writeWeeklyUpdate(at, owners[side], initiativeId, {
        side,
        view: entry[0],
        text: entry[1],
      });
    }
  }
}
