/**
 * Yandex Flavored Markdown building blocks, in Russian and English. Each builder makes one block
 * variant from a few random numbers; markup.ts renders a pool of variants once per world and
 * descriptions are glued from the pool, so 100k descriptions cost concatenations only.
 */
import type { Rng } from '../random.ts';
import type { Lang } from './summaries.ts';

/** Builds one block variant. */
export type BlockBuilder = (rng: Rng) => string;

const OS = [
  'Windows 11 23H2',
  'Windows 10 22H2',
  'macOS 14.5',
  'macOS 15.1',
  'Ubuntu 24.04',
  'Fedora 41',
];
const VERSIONS = ['1.2.0', '1.3.4', '1.4.2', '1.5.0-beta.3', '2.0.1'];

function version(rng: Rng): string {
  return rng.pick(VERSIONS);
}

const CODE = {
  ts: (rng) =>
    `const result = await client.issues.search({\n  query: 'Queue: SYNC Updated: >= today() - ${rng.int(1, 14)}d',\n  perPage: ${rng.pick([50, 100, 500])},\n});\nconsole.log(result.total);`,
  json: (rng) =>
    `{\n  "syncIntervalSec": ${rng.pick([60, 120, 300])},\n  "overlapMinutes": ${rng.int(2, 30)},\n  "notifications": { "quietHours": ["22:00", "08:00"] }\n}`,
  bash: (rng) =>
    `curl -s -H "Authorization: OAuth $TOKEN" -H "X-Org-ID: 7001234" \\\n  "https://api.tracker.yandex.net/v3/issues/_search?perPage=${rng.pick([10, 50])}" \\\n  -d '{"filter":{"assignee":"me()"}}'`,
  sql: (rng) =>
    `SELECT key, summary, updated_at\nFROM issues\nWHERE updated_at >= datetime('now', '-${rng.int(1, 30)} days')\nORDER BY updated_at DESC\nLIMIT ${rng.pick([20, 50, 100])};`,
  yaml: (rng) =>
    `jobs:\n  test:\n    runs-on: ubuntu-24.04\n    timeout-minutes: ${rng.pick([15, 30, 45])}\n    steps:\n      - run: npm ci\n      - run: npm test`,
  kotlin: (rng) =>
    `suspend fun refresh(): List<Issue> =\n    api.search(query = "Assignee: me()", perPage = ${rng.pick([20, 50])})\n        .filter { it.resolution == null }`,
} satisfies Record<string, BlockBuilder>;

const CODE_LANGS = Object.keys(CODE) as (keyof typeof CODE)[];

function codeBlock(rng: Rng): string {
  const lang = rng.pick(CODE_LANGS);
  return '```' + lang + '\n' + CODE[lang](rng) + '\n```';
}

function logLines(rng: Rng): string {
  const lines: string[] = [];
  let ms = rng.int(0, 999);
  for (let i = 0; i < rng.int(3, 6); i++) {
    ms += rng.int(5, 900);
    const level = rng.pick(['INFO', 'WARN', 'ERROR', 'DEBUG']);
    const msg = rng.pick([
      'sync: fetched page 3/7 (50 issues)',
      'api: 429 Too Many Requests, retry in 2s',
      'cache: upsert 50 issues in 14ms',
      'net: ECONNRESET on POST /v3/issues/_search',
      'auth: token refreshed, expires in 31535999s',
      'notify: 2 issues newly assigned',
    ]);
    lines.push(`12:0${i}:${String(ms % 60).padStart(2, '0')}.${ms % 1000} ${level} ${msg}`);
  }
  return lines.join('\n');
}

/** Block builders per language; keys name the construct each one exercises. */
export const BLOCKS: Record<Lang, Record<string, BlockBuilder>> = {
  ru: {
    steps: (rng) =>
      `## Шаги воспроизведения\n\n1. Войти в организацию **Демо**.\n2. ${rng.pick(['Отключить сеть', 'Открыть очередь SYNC', 'Свернуть окно в трей', 'Сменить язык на English'])}.\n3. Подождать ${rng.int(1, 10)} мин и открыть список задач.\n\n**Ожидаемый результат:** данные обновились.\n**Фактический результат:** {red}(${rng.pick(['ошибка синхронизации', 'пустой список', 'приложение зависло'])}).`,
    yfmTable: (rng) =>
      `#|\n|| **Параметр** | **Значение** ||\n|| ОС | ${rng.pick(OS)} ||\n|| Версия клиента | ${version(rng)} ||\n|| Организация | ${rng.pick(['Яндекс 360', 'Cloud'])} ||\n|#`,
    gfmTable: (rng) =>
      `| Метрика | До | После |\n|---|---:|---:|\n| p95, мс | ${rng.int(400, 1500)} | ${rng.int(80, 390)} |\n| Память, МБ | ${rng.int(300, 900)} | ${rng.int(150, 299)} |`,
    code: (rng) => `Пример запроса:\n\n${codeBlock(rng)}`,
    cut: (rng) => `{% cut "Логи" %}\n\n\`\`\`text\n${logLines(rng)}\n\`\`\`\n\n{% endcut %}`,
    note: (rng) =>
      `{% note ${rng.pick(['info', 'warning', 'tip'])} %}\n\n${rng.pick(['Воспроизводится только с включённым прокси.', 'Перед релизом обновить документацию.', 'Не забыть про миграцию кэша.'])}\n\n{% endnote %}`,
    checklist: (rng) =>
      `## План\n\n- [x] ${rng.pick(['Собрать требования', 'Воспроизвести', 'Написать RFC'])}\n- [${rng.chance(0.5) ? 'x' : ' '}] Реализовать\n- [ ] Покрыть тестами\n- [ ] Обновить *документацию*`,
    quote: (rng) =>
      `> ${rng.pick(['Пользователь пишет: «после обновления ничего не грузится».', 'Из обращения: задачи пропадают из списка.'])}\n\nСм. [руководство](https://yandex.ru/support/tracker/ru/) и \`settings.json\`.`,
  },
  en: {
    steps: (rng) =>
      `## Steps to reproduce\n\n1. Sign in to the **Demo** organization.\n2. ${rng.pick(['Turn the network off', 'Open the SYNC queue', 'Minimize the window to the tray', 'Switch the language to Russian'])}.\n3. Wait ${rng.int(1, 10)} min and open the issue list.\n\n**Expected:** the data is refreshed.\n**Actual:** {red}(${rng.pick(['sync error', 'an empty list', 'the app hangs'])}).`,
    yfmTable: (rng) =>
      `#|\n|| **Parameter** | **Value** ||\n|| OS | ${rng.pick(OS)} ||\n|| Client version | ${version(rng)} ||\n|| Organization | ${rng.pick(['Yandex 360', 'Cloud'])} ||\n|#`,
    gfmTable: (rng) =>
      `| Metric | Before | After |\n|---|---:|---:|\n| p95, ms | ${rng.int(400, 1500)} | ${rng.int(80, 390)} |\n| Memory, MB | ${rng.int(300, 900)} | ${rng.int(150, 299)} |`,
    code: (rng) => `Example:\n\n${codeBlock(rng)}`,
    cut: (rng) => `{% cut "Logs" %}\n\n\`\`\`text\n${logLines(rng)}\n\`\`\`\n\n{% endcut %}`,
    note: (rng) =>
      `{% note ${rng.pick(['info', 'warning', 'tip'])} %}\n\n${rng.pick(['Only reproducible behind a proxy.', 'Update the docs before the release.', 'Remember the cache migration.'])}\n\n{% endnote %}`,
    checklist: (rng) =>
      `## Plan\n\n- [x] ${rng.pick(['Collect requirements', 'Reproduce', 'Write an RFC'])}\n- [${rng.chance(0.5) ? 'x' : ' '}] Implement\n- [ ] Add tests\n- [ ] Update the *docs*`,
    quote: (rng) =>
      `> ${rng.pick(['A user writes: "nothing loads after the update".', 'From the ticket: issues disappear from the list.'])}\n\nSee the [guide](https://yandex.com/support/tracker/en/) and \`settings.json\`.`,
  },
};

/** Opening sentences per language and issue-type group. */
export const INTROS: Record<Lang, { bug: string[]; work: string[]; epic: string[] }> = {
  ru: {
    bug: [
      'Пользователи жалуются на проблему после последнего релиза.',
      'Воспроизводится стабильно, примерно в половине случаев.',
      'Нашли на стенде при регрессионном тестировании.',
      'Пришло из поддержки, затронуто несколько организаций.',
    ],
    work: [
      'Нужно доработать поведение, описанное ниже.',
      'Это часть плана на квартал.',
      'Предлагаю сделать так, как в веб-версии Трекера.',
      'Небольшая задача, но влияет на UX.',
    ],
    epic: [
      'Эпик объединяет задачи по направлению.',
      'Цель — закрыть основные жалобы пользователей за квартал.',
    ],
  },
  en: {
    bug: [
      'Users report this after the latest release.',
      'Reproduces reliably, about half of the time.',
      'Found on staging during regression testing.',
      'Came from support; several organizations are affected.',
    ],
    work: [
      'We need to rework the behaviour described below.',
      'This is part of the quarterly plan.',
      'Suggest doing it the way the Tracker web UI does.',
      'A small task with a visible UX impact.',
    ],
    epic: [
      'This epic groups the work in this area.',
      'Goal: close the main user complaints this quarter.',
    ],
  },
};

/** Comment phrases: plain updates, questions that summon someone, and answers to them. */
export const COMMENT_PHRASES: Record<
  Lang,
  { plain: string[]; question: string[]; answer: string[] }
> = {
  ru: {
    plain: [
      'Взял в работу.',
      'Посмотрю сегодня вечером.',
      'Воспроизвёл на `1.4.2`, смотрю логи.',
      'Починил в ветке `fix/sync-retry`, нужно ревью.',
      'Похоже на дубль, проверю.',
      'Выкатили на стенд, можно проверять.',
      'Проверил — **работает**.',
      '> Фактический результат: пустой список\n\nНе воспроизводится на последней сборке.',
      'Добавил тесты:\n\n```ts\nexpect(sync.retries).toBe(3);\n```',
      'Перенёс на следующий спринт.',
      '{green}(Готово), закрываю.',
      'Статус:\n\n- [x] фикс\n- [ ] тесты\n- [ ] релиз-ноты',
    ],
    question: [
      'можешь приложить логи?',
      'посмотри, пожалуйста, ревью.',
      'нужна твоя оценка по срокам.',
      'это ожидаемое поведение?',
      'подтверди, пожалуйста, приоритет.',
    ],
    answer: [
      'Приложил логи, см. выше.',
      'Да, это ожидаемо: так работает кэш.',
      'Оценка — два дня.',
      'Посмотрел, оставил замечания.',
      'Приоритет подтверждаю.',
    ],
  },
  en: {
    plain: [
      'Taking this one.',
      'Will look tonight.',
      'Reproduced on `1.4.2`, checking the logs.',
      'Fixed in `fix/sync-retry`, needs review.',
      'Looks like a duplicate, will check.',
      'Deployed to staging, ready to test.',
      'Verified — **works**.',
      '> Actual: an empty list\n\nCannot reproduce on the latest build.',
      'Added tests:\n\n```ts\nexpect(sync.retries).toBe(3);\n```',
      'Moved to the next sprint.',
      '{green}(Done), closing.',
      'Status:\n\n- [x] fix\n- [ ] tests\n- [ ] release notes',
    ],
    question: [
      'could you attach the logs?',
      'please review.',
      'what is your estimate?',
      'is this expected?',
      'please confirm the priority.',
    ],
    answer: [
      'Attached the logs above.',
      'Yes, that is expected: the cache works this way.',
      'Two days.',
      'Reviewed, left some notes.',
      'Priority confirmed.',
    ],
  },
};
