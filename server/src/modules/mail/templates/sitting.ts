import { formatInZone } from '@exam/shared/domain';
import type { NotificationMail, SittingFacts } from '../mail.types.js';
import { sittingCalendar } from './calendar.js';
import type { MailBlock, MailContent, TemplateContext } from './content.js';

type SittingMail = Extract<
  NotificationMail,
  { kind: 'sitting-scheduled' | 'sitting-moved' | 'sitting-reminder' }
>;

/** Start and end in the candidate's zone, and in the sitting's when it is another. */
function whenRows(facts: SittingFacts, timeZone: string): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['Starts', formatInZone(facts.startsAt, timeZone)],
    ['Ends', formatInZone(facts.endsAt, timeZone)],
  ];
  if (facts.sittingTimeZone !== timeZone) {
    rows.push([
      'Sitting’s local time',
      `${formatInZone(facts.startsAt, facts.sittingTimeZone)} to ${formatInZone(facts.endsAt, facts.sittingTimeZone, 'time')}`,
    ]);
  }
  return rows;
}

function factBlocks(facts: SittingFacts, timeZone: string): MailBlock[] {
  const rows = whenRows(facts, timeZone);
  if (facts.place) rows.push(['Place', facts.place]);
  if (facts.remoteLink) rows.push(['Remote link', facts.remoteLink]);
  const blocks: MailBlock[] = [{ type: 'facts', rows }];
  if (facts.whatToBring.length > 0) {
    blocks.push({ type: 'paragraph', text: 'What to bring:' });
    blocks.push({ type: 'list', items: facts.whatToBring });
  }
  blocks.push({ type: 'action', label: 'Sign in to the exam platform', href: facts.signInLink });
  return blocks;
}

const openings: Record<SittingMail['kind'], string> = {
  'sitting-scheduled': 'You are enrolled in an exam sitting.',
  'sitting-moved': 'The time of your exam sitting has changed.',
  'sitting-reminder': 'Your exam sitting starts in about 24 hours.',
};

const subjects: Record<SittingMail['kind'], string> = {
  'sitting-scheduled': 'Your exam sitting',
  'sitting-moved': 'Your exam sitting has moved',
  'sitting-reminder': 'Reminder: your exam sitting is tomorrow',
};

/** Scheduled, moved or reminded: the same facts, a calendar entry with a stable identity. */
export function sittingContent(mail: SittingMail, context: TemplateContext): MailContent {
  const blocks: MailBlock[] = [{ type: 'paragraph', text: `${openings[mail.kind]}` }];
  if (mail.kind === 'sitting-moved') {
    blocks.push({
      type: 'paragraph',
      text: `It was to start on ${formatInZone(mail.previousStartsAt, context.timeZone)}; the new time is below.`,
    });
  }
  blocks.push(...factBlocks(mail, context.timeZone));
  blocks.push({
    type: 'paragraph',
    text: 'The attached calendar file (sitting.ics) adds the sitting to your calendar.',
  });
  const sequence = mail.kind === 'sitting-moved' ? mail.sequence : 0;
  const organizer = { name: context.branding.name, email: context.branding.contactEmail };
  return {
    subject: `${subjects[mail.kind]}: ${mail.sittingName}`,
    blocks,
    attachments: [sittingCalendar(mail, organizer, sequence)],
  };
}
