import type { DeliverableInput } from '../../../contracts/handoffs.js';
import type { Actor, AppContext } from '../../context.js';
import { createHandoff, updateHandoff } from '../handoffs/drafts.service.js';
import { answerQuestion, askQuestion } from '../handoffs/questions.service.js';
import { acceptHandoff, returnHandoff, submitHandoff } from '../handoffs/transitions.service.js';

/**
 * The demo's handoffs, by initiative title. `toStage` is a stage key the initiative enters on
 * acceptance (replacing that step of its path), or null for work changing hands within the
 * stage. The story says how it goes: accepted smoothly, returned once and then accepted, left
 * with an open question, or left unanswered past its due date.
 */
export interface DemoHandoff {
  initiative: string;
  toStage: string | null;
  title: string;
  note: string;
  sender: string;
  receiver: string;
  receiverDeputy?: string;
  deliverables: DeliverableInput[];
  story: 'smooth' | 'returned_once' | 'open_question' | 'overdue';
  /** For handoffs after the path: when it was submitted, and due in days after that. */
  submittedDaysAgo?: number;
  dueAfterDays: number;
}

export const DEMO_HANDOFFS: DemoHandoff[] = [
  {
    initiative: 'Kundenbeziehungs-Assistent',
    toStage: 'build',
    title: 'Lastenheft Kundenbeziehungs-Assistent',
    note: 'Anforderungen aus drei Workshops mit dem Kundenservice.',
    sender: 'sabine',
    receiver: 'lukas',
    receiverDeputy: 'elena',
    deliverables: [
      {
        title: 'Lastenheft v1.2',
        kind: 'specification',
        link: 'https://wiki.demo.tandem.example/kundenservice/lastenheft',
        description: 'Anwendungsfälle, Abnahmekriterien, Beispielgespräche',
      },
      {
        title: 'Lesezugriff auf die Ticket-Historie 2024',
        kind: 'dataset_access',
        link: '',
        description: 'Anonymisierter Export, 48.000 Tickets',
      },
    ],
    story: 'returned_once',
    dueAfterDays: 7,
  },
  {
    initiative: 'Kundenbeziehungs-Assistent',
    toStage: 'integration',
    title: 'Modell und Antwortvorlagen für die Integration',
    note: 'Das Modell ist gegen die Abnahmekriterien getestet.',
    sender: 'lukas',
    receiver: 'elena',
    deliverables: [
      {
        title: 'Modellversion 2025-10',
        kind: 'model_version',
        link: 'https://git.demo.tandem.example/ai/kundenservice/-/tags/v2025.10',
        description: '',
      },
      {
        title: 'Testbericht gegen die Abnahmekriterien',
        kind: 'test_result',
        link: 'https://wiki.demo.tandem.example/kundenservice/testbericht',
        description: '',
      },
    ],
    story: 'smooth',
    dueAfterDays: 5,
  },
  {
    initiative: 'Lead-Generator für den Vertrieb',
    toStage: 'pilot',
    title: 'Pilot mit dem Vertriebsteam Süd',
    note: 'Der Lead-Generator läuft im CRM; der Vertrieb testet mit echten Anfragen.',
    sender: 'lukas',
    receiver: 'anna',
    deliverables: [
      {
        title: 'Integrationspaket CRM-Scoring',
        kind: 'integration_package',
        link: 'https://git.demo.tandem.example/ai/lead-scoring/-/releases/1.0',
        description: 'Scoring-Dienst und CRM-Erweiterung',
      },
    ],
    story: 'smooth',
    dueAfterDays: 5,
  },
  {
    initiative: 'Social-Media-Assistent',
    toStage: null,
    title: 'Prototyp zum Abnahmetest',
    note: 'Bitte mit echten Themen der letzten Woche ausprobieren.',
    sender: 'elena',
    receiver: 'markus',
    deliverables: [
      {
        title: 'Prototyp Beitragsentwürfe',
        kind: 'model_version',
        link: 'https://social-assistant.demo.tandem.example',
        description: '',
      },
    ],
    story: 'open_question',
    submittedDaysAgo: 4,
    dueAfterDays: 10,
  },
  {
    initiative: 'Automatische Rechnungserfassung',
    toStage: null,
    title: 'Zugang zu den Rechnungsdaten 2025 für das Nachtraining',
    note: 'Die Erkennungsrate sinkt bei neuen Lieferanten; IT braucht aktuelle Beispiele.',
    sender: 'thomas',
    receiver: 'david',
    deliverables: [
      {
        title: 'Freigabe Rechnungsarchiv 2025',
        kind: 'dataset_access',
        link: '',
        description: 'Lesender Zugriff auf das DMS, Ordner Eingangsrechnungen 2025',
      },
    ],
    story: 'overdue',
    submittedDaysAgo: 12,
    dueAfterDays: 7,
  },
];

const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The handoff that takes this initiative into `stageKey` on its path, if the demo has one. */
export const pathHandoff = (title: string, stageKey: string): DemoHandoff | undefined =>
  DEMO_HANDOFFS.find((h) => h.initiative === title && h.toStage === stageKey);

/**
 * Plays one handoff through the services, `clock` days at a time. Ends accepted for the
 * smooth and returned-once stories; open for the others.
 */
export async function playHandoff(
  clock: { at: () => AppContext; advance: (days: number) => void; nowMs: () => number },
  actor: (key: string) => Actor,
  initiativeId: string,
  toStageId: string | null,
  h: DemoHandoff,
): Promise<void> {
  const sender = actor(h.sender);
  const receiver = actor(h.receiver);
  const draft = await createHandoff(clock.at(), sender, initiativeId, {
    title: h.title,
    note: h.note,
    toStageId,
    receiverId: receiver.id,
    receiverDeputyId: h.receiverDeputy ? actor(h.receiverDeputy).id : null,
    dueDate: isoDay(clock.nowMs() + h.dueAfterDays * DAY),
    deliverables: h.deliverables,
  });
  const all = draft.checklist.map((c) => c.id);
  let current = await updateHandoff(clock.at(), sender, draft.id, {
    version: draft.version,
    checked: all,
  });
  clock.advance(0.1);
  current = await submitHandoff(clock.at(), sender, current.id, current.version);
  if (h.story === 'open_question') {
    clock.advance(1.2);
    await askQuestion(clock.at(), receiver, current.id, {
      version: current.version,
      text: 'Sollen die Entwürfe auch die Hashtags vorschlagen, oder ergänzt das Marketing sie selbst?',
    });
    return;
  }
  if (h.story === 'overdue') return;
  if (h.story === 'returned_once') {
    clock.advance(0.8);
    current = await askQuestion(clock.at(), receiver, current.id, {
      version: current.version,
      text: 'Dürfen wir die Ticket-Historie auch für das Training verwenden, nicht nur für Tests?',
    });
    clock.advance(0.3);
    const question = current.questions[0];
    if (question)
      current = await answerQuestion(clock.at(), sender, current.id, question.id, {
        version: current.version,
        text: 'Ja, der Datenschutz hat das für den anonymisierten Export freigegeben.',
      });
    clock.advance(1);
    current = await returnHandoff(clock.at(), receiver, current.id, {
      version: current.version,
      reason:
        'Die Freigabe des Datenschutzes liegt nicht bei. Bitte das Protokoll der Datenschutzprüfung anhängen.',
      failedItems: all.includes('data_protection') ? ['data_protection'] : [],
    });
    clock.advance(2);
    current = await updateHandoff(clock.at(), sender, current.id, {
      version: current.version,
      checked: all,
      deliverables: [
        ...current.deliverables,
        {
          title: 'Protokoll der Datenschutzprüfung',
          kind: 'other',
          link: 'https://wiki.demo.tandem.example/datenschutz/kundenservice',
          description: '',
        },
      ],
    });
    current = await submitHandoff(clock.at(), sender, current.id, current.version);
  }
  clock.advance(1.5);
  await acceptHandoff(clock.at(), receiver, current.id, current.version);
}

/** The handoffs after the path (open question, overdue), at dates relative to today. */
export async function seedSampleHandoffs(
  ctx: AppContext,
  actor: (key: string) => Actor,
  initiativeId: string,
  title: string,
  realNow: number,
): Promise<void> {
  for (const h of DEMO_HANDOFFS) {
    if (h.initiative !== title || h.submittedDaysAgo === undefined) continue;
    let t = realNow - h.submittedDaysAgo * DAY;
    const clock = {
      at: (): AppContext => ({ ...ctx, now: () => new Date(t) }),
      advance: (days: number) => {
        t += days * DAY;
      },
      nowMs: () => t,
    };
    await playHandoff(clock, actor, initiativeId, null, h);
  }
}
