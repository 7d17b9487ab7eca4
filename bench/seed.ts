// A long conversation for the streaming row, as a Sensa export file the bench imports through the app's own Import.
// Deterministic (seeded), with the mix a long real chat has: short questions, long answers in markdown with lists,
// tables, inline code and fenced code blocks in a few languages, some answers with a thought process.

import { rng } from './make-model';

/** The app's export format (src/chat/transfer.ts) and conversation record (src/chat/types.ts), schema 1. */
interface SeedMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: 'done';
  createdAt: number;
  answer?: {
    modelId: string;
    device: 'wasm';
    dtype: 'q4';
    settings: { temperature: number; topP: number; topK: number; repetitionPenalty: number; maxNewTokens: number; enableThinking: boolean };
    finishReason: 'eos';
    tokens: number;
    timeToFirstTokenMs: number;
    tokensPerSecond: number;
    promptTokens: number;
    reusedTokens: number;
  };
}

export interface SeedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
  title: string;
  messages: number;
  /** Characters of message text in the conversation (user + assistant). */
  characters: number;
  codeBlocks: number;
}

/** The catalog id of the model the bench loads (src/models/catalog.json), so old answers' meta lines name it. */
const MODEL_ID = 'llama-3.2-1b-instruct';

const TOPICS = [
  'the service worker cache',
  'a React list that re-renders too often',
  'IndexedDB transactions',
  'a Python script that parses CSV exports',
  'a flaky integration test',
  'the build pipeline',
  'rate limiting in the API gateway',
  'a slow SQL query on the orders table',
  'memory use of the image resizer',
  'the onboarding email copy',
  'a bash script for nightly backups',
  'TypeScript generics in the form library',
];

const WORDS = (
  'the a this that value state request response cache worker thread queue batch index key table row column file ' +
  'function module type error retry timeout budget latency user session token stream buffer layout render effect ' +
  'hook store write read commit rollback schema migration version check test case fixture mock server client ' +
  'usually often only still already simply first then later instead because although while when if so'
).split(' ');

const CODE: Record<string, readonly string[]> = {
  ts: [
    'export function debounce<T extends unknown[]>(fn: (...args: T) => void, ms: number) {',
    '  let timer: ReturnType<typeof setTimeout> | undefined;',
    '  return (...args: T) => {',
    '    clearTimeout(timer);',
    '    timer = setTimeout(() => fn(...args), ms);',
    '  };',
    '}',
    '',
    'const rows = await db.getAll("orders");',
    'const total = rows.reduce((sum, row) => sum + row.amount, 0);',
    'console.log(`total: ${total.toFixed(2)}`);',
  ],
  python: [
    'import csv',
    'from pathlib import Path',
    '',
    'def load(path: Path) -> list[dict[str, str]]:',
    '    with path.open(newline="") as f:',
    '        return [row for row in csv.DictReader(f) if row["status"] != "void"]',
    '',
    'totals = {}',
    'for row in load(Path("export.csv")):',
    '    totals[row["customer"]] = totals.get(row["customer"], 0) + float(row["amount"])',
  ],
  bash: [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'stamp=$(date +%Y-%m-%d)',
    'tar -czf "/backups/site-$stamp.tar.gz" /srv/site',
    'find /backups -name "site-*.tar.gz" -mtime +14 -delete',
    'echo "backup $stamp done"',
  ],
  sql: [
    'SELECT customer_id, COUNT(*) AS orders, SUM(amount) AS total',
    'FROM orders',
    "WHERE created_at >= NOW() - INTERVAL '30 days'",
    'GROUP BY customer_id',
    'ORDER BY total DESC',
    'LIMIT 20;',
  ],
};

/** About 75 % of the real conversation's text is in answers, as in the chats people export. */
export function seedConversation(messageCount: number, seed = 20261129, now = Date.UTC(2026, 10, 1)): SeedFile {
  const next = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const sentence = (min = 8, max = 22) => {
    const words = Array.from({ length: int(min, max) }, () => pick(WORDS));
    const text = words.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences: number) => Array.from({ length: sentences }, () => sentence()).join(' ');
  let codeBlocks = 0;
  const codeBlock = () => {
    codeBlocks += 1;
    const language = pick(Object.keys(CODE));
    const lines = CODE[language] ?? [];
    const start = int(0, Math.max(0, lines.length - 4));
    return `\`\`\`${language}\n${lines.slice(start, start + int(4, 10)).join('\n')}\n\`\`\``;
  };

  const question = (topic: string) => {
    const kind = next();
    if (kind < 0.15) return `${codeBlock()}\n\nWhy does this fail with \`${pick(WORDS)} is undefined\` when ${topic} is empty?`;
    if (kind < 0.5) return `Can you explain ${topic}? ${sentence(6, 14)}`;
    return `${paragraph(int(1, 3))} How should I handle ${topic}?`;
  };

  const answer = (topic: string) => {
    const parts: string[] = [];
    if (next() < 0.1) parts.push(`<think>\n${paragraph(int(2, 4))}\n</think>`);
    parts.push(`${paragraph(int(1, 3))} The short version: **${sentence(4, 8).slice(0, -1)}**.`);
    const sections = int(1, 3);
    for (let s = 0; s < sections; s++) {
      const shape = next();
      if (shape < 0.35) parts.push(`### ${sentence(2, 5).slice(0, -1)}\n\n${paragraph(int(2, 4))}`);
      else if (shape < 0.6) parts.push(Array.from({ length: int(3, 6) }, (_, i) => `${i + 1}. ${sentence(5, 14)} Use \`${pick(WORDS)}()\` here.`).join('\n'));
      else if (shape < 0.85) parts.push(`${sentence()}\n\n${codeBlock()}\n\n${sentence()}`);
      else {
        const rows = Array.from({ length: int(2, 4) }, () => `| ${pick(WORDS)} | ${int(1, 900)} ms | ${sentence(3, 6)} |`);
        parts.push(`| option | cost | note |\n| --- | --- | --- |\n${rows.join('\n')}`);
      }
    }
    if (next() < 0.3) parts.push(`- ${sentence(4, 10)}\n- ${sentence(4, 10)}\n- See ${topic} in the docs.`);
    return parts.join('\n\n');
  };

  const messages: SeedMessage[] = [];
  let characters = 0;
  for (let i = 0; i < messageCount; i++) {
    const topic = pick(TOPICS);
    const createdAt = now - (messageCount - i) * 45_000;
    const id = `bench-seed-${i}`;
    if (i % 2 === 0) {
      const content = question(topic);
      characters += content.length;
      messages.push({ id, role: 'user', content, status: 'done', createdAt });
      continue;
    }
    const content = answer(topic);
    characters += content.length;
    const tokens = Math.round(content.length / 4);
    messages.push({
      id,
      role: 'assistant',
      content,
      status: 'done',
      createdAt,
      answer: {
        modelId: MODEL_ID,
        device: 'wasm',
        dtype: 'q4',
        settings: { temperature: 0.6, topP: 0.9, topK: 50, repetitionPenalty: 1, maxNewTokens: 1024, enableThinking: false },
        finishReason: 'eos',
        tokens,
        timeToFirstTokenMs: int(150, 900),
        tokensPerSecond: 20 + next() * 20,
        promptTokens: i * 120,
        reusedTokens: (i - 1) * 120,
      },
    });
  }

  const title = `Bench: ${messageCount} earlier messages`;
  const file = {
    format: 'sensa-export',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    conversations: [
      {
        schema: 1,
        conversation: { id: `bench-seed-${messageCount}`, title, titleSetByPerson: true, createdAt: now - messageCount * 45_000, updatedAt: now, systemPrompt: '', messages },
      },
    ],
  };
  return { name: 'sensa-bench-chat.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)), title, messages: messageCount, characters, codeBlocks };
}
