/**
 * The fixed cast: organizations and ~25 users. Users do not depend on the seed so the demo account,
 * logins and uids stay stable across worlds (tests and screenshots can name them).
 */
import type { OrgRecord, UserRecord } from '../model.ts';

/** The account the demo workspace signs in as. */
export const DEMO_USER = { uid: 1120000000049224, login: 'alex.smirnov' } as const;

/** The default organizations: one Yandex 360 org and one Cloud org, served by the same world. */
export const DEFAULT_ORGS: readonly OrgRecord[] = [
  { id: '7001234', kind: '360', name: 'Яндекс Трекер Демо' },
  { id: 'bpf3crucp1v2example', kind: 'cloud', name: 'Tracker Demo Cloud' },
];

/** A user who left the company: still shown on old issues, cannot be assigned. */
export const DISMISSED_LOGIN = 'oleg.volkov';
/** A read-only user (no Tracker licence). */
export const UNLICENSED_LOGIN = 'guest.auditor';

// [login, ru first, ru last, en first, en last]
const CAST: readonly (readonly [string, string, string, string, string])[] = [
  ['alex.smirnov', 'Алексей', 'Смирнов', 'Alexey', 'Smirnov'],
  ['ivan.petrov', 'Иван', 'Петров', 'Ivan', 'Petrov'],
  ['maria.ivanova', 'Мария', 'Иванова', 'Maria', 'Ivanova'],
  ['dmitry.sokolov', 'Дмитрий', 'Соколов', 'Dmitry', 'Sokolov'],
  ['elena.kuznetsova', 'Елена', 'Кузнецова', 'Elena', 'Kuznetsova'],
  ['sergey.popov', 'Сергей', 'Попов', 'Sergey', 'Popov'],
  ['anna.lebedeva', 'Анна', 'Лебедева', 'Anna', 'Lebedeva'],
  ['pavel.novikov', 'Павел', 'Новиков', 'Pavel', 'Novikov'],
  ['olga.morozova', 'Ольга', 'Морозова', 'Olga', 'Morozova'],
  ['nikita.fedorov', 'Никита', 'Фёдоров', 'Nikita', 'Fedorov'],
  ['tatiana.orlova', 'Татьяна', 'Орлова', 'Tatiana', 'Orlova'],
  ['artem.egorov', 'Артём', 'Егоров', 'Artem', 'Egorov'],
  ['ksenia.belova', 'Ксения', 'Белова', 'Ksenia', 'Belova'],
  ['mikhail.kozlov', 'Михаил', 'Козлов', 'Mikhail', 'Kozlov'],
  ['yulia.pavlova', 'Юлия', 'Павлова', 'Yulia', 'Pavlova'],
  ['roman.vasiliev', 'Роман', 'Васильев', 'Roman', 'Vasiliev'],
  ['daria.zaitseva', 'Дарья', 'Зайцева', 'Daria', 'Zaitseva'],
  ['john.miller', 'Джон', 'Миллер', 'John', 'Miller'],
  ['emma.clark', 'Эмма', 'Кларк', 'Emma', 'Clark'],
  ['lucas.fischer', 'Лукас', 'Фишер', 'Lucas', 'Fischer'],
  ['sofia.garcia', 'София', 'Гарсия', 'Sofia', 'Garcia'],
  ['kirill.makarov', 'Кирилл', 'Макаров', 'Kirill', 'Makarov'],
  ['vera.nikolaeva', 'Вера', 'Николаева', 'Vera', 'Nikolaeva'],
  [DISMISSED_LOGIN, 'Олег', 'Волков', 'Oleg', 'Volkov'],
  [UNLICENSED_LOGIN, 'Гость', 'Аудитор', 'Guest', 'Auditor'],
  ['robot-tracker', 'Робот', 'Трекера', 'Tracker', 'Robot'],
];

// Realistic passport uids are 16 digits; the demo one is the documented example id.
const UID_STEPS = [0, 1173, 2719, 3301, 4862, 5517, 6040, 7391, 8825, 9410, 10077, 11603, 12950];

/** Builds the user list; the demo user comes first. */
export function createUsers(): UserRecord[] {
  return CAST.map(([login, ruFirst, ruLast, enFirst, enLast], i) => {
    const step = (UID_STEPS[i % UID_STEPS.length] ?? 0) + Math.floor(i / UID_STEPS.length) * 20011;
    const uid = i === 0 ? DEMO_USER.uid : 1120000000050000 + step * 7 + i;
    return {
      uid,
      login,
      firstName: enFirst,
      lastName: enLast,
      email: login === 'robot-tracker' ? 'robot-tracker@demo.example' : `${login}@demo.example`,
      display: { ru: `${ruFirst} ${ruLast}`, en: `${enFirst} ${enLast}` },
      cloudUid: cloudUid(i),
      hasLicense: login !== UNLICENSED_LOGIN,
      dismissed: login === DISMISSED_LOGIN,
    };
  });
}

function cloudUid(index: number): string {
  const alphabet = 'abcdefghijklmnopqrstuv0123456789';
  let out = 'aje';
  let x = (index + 1) * 2654435761;
  for (let i = 0; i < 17; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}

/** Logins of people who do the work (licensed, not dismissed, not robots). */
export function isActiveWorker(user: UserRecord): boolean {
  return user.hasLicense && !user.dismissed && !user.login.startsWith('robot');
}
