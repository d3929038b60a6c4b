/**
 * Issue summaries from phrase templates. One call costs a few picks and a concatenation, which
 * keeps 100k issues cheap; the phrase tables are in vocabulary.ts.
 */
import type { Rng } from '../random.ts';
import type { QueueSpec } from './queues.ts';
import {
  CUSTOMERS,
  EN_CONDITIONS,
  EN_FEATURES,
  EN_GERUNDS,
  EN_MODULES,
  EN_PLACES,
  EN_PROCESSES,
  EN_SUBJECTS,
  EN_SYMPTOMS,
  ERROR_CODES,
  LIBRARIES,
  RU_ACTIONS,
  RU_CONDITIONS,
  RU_FAILURES,
  RU_FEATURES,
  RU_MODULES,
  RU_PLACES,
  RU_PROCESSES,
  RU_SUBJECTS,
  RU_SYMPTOMS,
} from './vocabulary.ts';

/** Summary language. */
export type Lang = 'ru' | 'en';

type Topic = QueueSpec['topic'];

/** Lower-cases the first letter unless the word is an acronym ("CI agent", "SSO sign-in"). */
function lower(s: string): string {
  const second = s.charAt(1);
  return second && second === second.toUpperCase() && second !== second.toLowerCase()
    ? s
    : s.charAt(0).toLowerCase() + s.slice(1);
}

/** A summary for an issue of `type` in a queue about `topic`. */
export function makeSummary(rng: Rng, lang: Lang, topic: Topic, type: string): string {
  return lang === 'ru' ? ruSummary(rng, topic, type) : enSummary(rng, topic, type);
}

function ruSummary(rng: Rng, topic: Topic, type: string): string {
  const subject = rng.pick(RU_SUBJECTS[topic]);
  if (type === 'epic')
    return `Эпик: ${rng.pick(['переработать', 'стабилизировать', 'ускорить'])} ${subject}`;
  if (topic === 'docs') return `${rng.pick(['Описать', 'Обновить', 'Проверить'])} ${subject}`;
  if (topic === 'support' && rng.chance(0.4)) {
    return `${rng.pick(CUSTOMERS)}: не работает ${subject}`;
  }
  if (type === 'bug') {
    switch (rng.int(0, 3)) {
      case 0:
        return `${rng.pick(RU_FAILURES)} ${subject} ${rng.pick(RU_CONDITIONS)}`;
      case 1:
        return `Ошибка ${rng.pick(ERROR_CODES)} при ${rng.pick(RU_ACTIONS)}`;
      case 2:
        return `${capital(subject)}: ${rng.pick(RU_SYMPTOMS)}`;
      default:
        return `${rng.pick(RU_FAILURES)} ${subject}`;
    }
  }
  switch (rng.int(0, 4)) {
    case 0:
      return `Добавить ${rng.pick(RU_FEATURES)} ${rng.pick(RU_PLACES)}`;
    case 1:
      return `Ускорить ${rng.pick(RU_PROCESSES)}`;
    case 2:
      return `Обновить ${rng.pick(LIBRARIES)}`;
    case 3:
      return `${rng.pick(['Рефакторинг', 'Тесты для', 'Ревью'])} ${rng.pick(RU_MODULES)}`;
    default:
      return `${capital(subject)}: ${rng.pick(['поддержать', 'доработать', 'перепроверить'])} ${rng.pick(RU_CONDITIONS).replace(/^при /, 'работу при ')}`;
  }
}

function enSummary(rng: Rng, topic: Topic, type: string): string {
  const subject = rng.pick(EN_SUBJECTS[topic]);
  if (type === 'epic')
    return `Epic: ${rng.pick(['rework', 'stabilize', 'speed up'])} ${lower(subject)}`;
  if (topic === 'docs') return `${rng.pick(['Document', 'Update', 'Proofread'])} ${lower(subject)}`;
  if (topic === 'support' && rng.chance(0.4)) {
    return `${rng.pick(CUSTOMERS)}: ${lower(subject)} is broken`;
  }
  if (type === 'bug') {
    switch (rng.int(0, 3)) {
      case 0:
        return `${subject} fails ${rng.pick(EN_CONDITIONS)}`;
      case 1:
        return `Crash when ${rng.pick(EN_GERUNDS)}`;
      case 2:
        return `${subject} shows ${rng.pick(EN_SYMPTOMS)}`;
      default:
        return `${rng.pick(ERROR_CODES)} error when ${rng.pick(EN_GERUNDS)}`;
    }
  }
  switch (rng.int(0, 4)) {
    case 0:
      return `Add ${rng.pick(EN_FEATURES)} to ${rng.pick(EN_PLACES)}`;
    case 1:
      return `Speed up ${rng.pick(EN_PROCESSES)}`;
    case 2:
      return `Upgrade to ${rng.pick(LIBRARIES)}`;
    case 3:
      return `${rng.pick(['Refactor', 'Write tests for', 'Review'])} ${rng.pick(EN_MODULES)}`;
    default:
      return `${subject}: support ${rng.pick(EN_CONDITIONS).replace(/^on |^for |^in /, '')}`;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
