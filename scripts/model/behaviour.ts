/**
 * A CheckList-style behavioural suite (Ribeiro et al. 2020) for the bundled models: minimum
 * functionality, negation, intensifiers, invariance to coins/tickers and to numbers/dates, and
 * directional changes. Cases are generated from templates written for this suite only (a test
 * checks none of them is a training text). Labels are market labels; the binary model is judged
 * on the polar cases with bullish → POSITIVE and bearish → NEGATIVE.
 */
export type Polarity = 'bullish' | 'bearish' | 'neutral';
/** A label, or `!label` for "anything but this label". */
type Expectation = Polarity | `!${Polarity}`;

export type Case =
  | { kind: 'label'; capability: string; text: string; expect: Expectation }
  | { kind: 'same'; capability: string; texts: [string, string] }
  | { kind: 'towards'; capability: string; texts: [string, string]; towards: Polarity }
  | { kind: 'stronger'; capability: string; texts: [string, string]; expect: Polarity };

export const CAPABILITIES = [
  'minimum functionality',
  'negation',
  'intensifiers',
  'invariance: coins and tickers',
  'invariance: numbers and dates',
  'directional changes',
] as const;

const COINS = ['Bitcoin', 'Ether', 'Solana', 'XRP', 'Cardano', 'BTC', 'DOGE', 'Avalanche'];
const UP = ['soars', 'surges', 'rallies', 'jumps', 'climbs', 'gains', 'rises'];
const DOWN = ['plunges', 'crashes', 'tumbles', 'slumps', 'falls', 'sinks', 'drops'];
const GOOD = ['good', 'great', 'strong', 'impressive', 'successful'];
const BAD = ['bad', 'terrible', 'weak', 'disappointing', 'awful'];
const FLAT = [
  '{coin} trades flat',
  '{coin} is unchanged on the session',
  'The {coin} foundation will host a developer call',
  '{coin} developers publish meeting notes',
  '{coin} moves sideways ahead of the weekend',
];

const pick = <T>(items: readonly T[], i: number) => items[i % items.length];

function minimumFunctionality(): Case[] {
  const capability = 'minimum functionality';
  const cases: Case[] = [];
  COINS.forEach((coin, i) => {
    cases.push(
      {
        kind: 'label',
        capability,
        text: `${coin} ${pick(UP, i)} to a new high`,
        expect: 'bullish',
      },
      {
        kind: 'label',
        capability,
        text: `${coin} ${pick(DOWN, i)} as sellers pile in`,
        expect: 'bearish',
      },
      {
        kind: 'label',
        capability,
        text: `The ${coin} outlook is ${pick(GOOD, i)}`,
        expect: 'bullish',
      },
      {
        kind: 'label',
        capability,
        text: `The ${coin} outlook is ${pick(BAD, i)}`,
        expect: 'bearish',
      },
      { kind: 'label', capability, text: pick(FLAT, i).replace('{coin}', coin), expect: 'neutral' },
    );
  });
  return cases;
}

function negation(): Case[] {
  const capability = 'negation';
  const cases: Case[] = [];
  COINS.forEach((coin, i) => {
    const up = pick(['rally', 'recover', 'rise', 'climb', 'bounce back'], i);
    const down = pick(['crash', 'fall', 'collapse', 'drop', 'sink'], i);
    cases.push(
      { kind: 'label', capability, text: `${coin} fails to ${up}`, expect: '!bullish' },
      { kind: 'label', capability, text: `${coin} did not ${up} this week`, expect: '!bullish' },
      {
        kind: 'label',
        capability,
        text: `${coin} does not ${down} despite the panic`,
        expect: '!bearish',
      },
      {
        kind: 'label',
        capability,
        text: `The ${coin} upgrade was not ${pick(GOOD, i)}`,
        expect: '!bullish',
      },
      {
        kind: 'label',
        capability,
        text: `The ${coin} launch was not ${pick(BAD, i)} at all`,
        expect: '!bearish',
      },
      {
        kind: 'label',
        capability,
        text: `${coin} hard fork goes live without ${pick(['problems', 'a hitch', 'issues', 'any downtime'], i)}`,
        expect: '!bearish',
      },
    );
  });
  return cases;
}

function intensifiers(): Case[] {
  const capability = 'intensifiers';
  const adverbs = ['sharply', 'dramatically', 'very strongly', 'massively', 'significantly'];
  const cases: Case[] = [];
  COINS.forEach((coin, i) => {
    const adverb = pick(adverbs, i);
    cases.push(
      {
        kind: 'stronger',
        capability,
        texts: [`${coin} ${pick(UP, i)}`, `${coin} ${pick(UP, i)} ${adverb}`],
        expect: 'bullish',
      },
      {
        kind: 'stronger',
        capability,
        texts: [`${coin} ${pick(DOWN, i)}`, `${coin} ${pick(DOWN, i)} ${adverb}`],
        expect: 'bearish',
      },
      {
        kind: 'stronger',
        capability,
        texts: [`${coin} news is ${pick(GOOD, i)}`, `${coin} news is extremely ${pick(GOOD, i)}`],
        expect: 'bullish',
      },
      {
        kind: 'stronger',
        capability,
        texts: [`${coin} news is ${pick(BAD, i)}`, `${coin} news is really ${pick(BAD, i)}`],
        expect: 'bearish',
      },
    );
  });
  return cases;
}

const FRAMES = [
  '{coin} {up} after ETF inflows',
  '{coin} {down} after an exchange hack',
  'Traders turn cautious on {coin}',
  '{coin} whales move coins to exchanges',
  '{coin} network upgrade scheduled',
  'Analysts see {coin} rally continuing',
];

function invariance(): Case[] {
  const coins: Case[] = [];
  const numbers: Case[] = [];
  FRAMES.forEach((frame, i) => {
    const fill = (coin: string) =>
      frame.replace('{coin}', coin).replace('{up}', pick(UP, i)).replace('{down}', pick(DOWN, i));
    for (const [a, b] of [
      ['Bitcoin', 'Litecoin'],
      ['ETH', 'SOL'],
      ['Dogecoin', 'Shiba Inu'],
      ['XRP', 'Polkadot'],
    ]) {
      coins.push({
        kind: 'same',
        capability: 'invariance: coins and tickers',
        texts: [fill(a), fill(b)],
      });
    }
  });
  const capability = 'invariance: numbers and dates';
  const numbered = [
    ['{coin} {up} 5% on Monday', '{coin} {up} 23% on Thursday'],
    ['{coin} {down} to $60,000 in March', '{coin} {down} to $1.25 in October'],
    [
      '{coin} falls below $3,000 ahead of the Q3 report',
      '{coin} falls below $48 ahead of the Q1 report',
    ],
    ['{coin} gains 12 percent in 2024', '{coin} gains 7 percent in 2026'],
    [
      '{coin} options worth $2 billion expire on Friday',
      '{coin} options worth $650 million expire on Sunday',
    ],
  ];
  COINS.forEach((coin, i) => {
    const [a, b] = pick(numbered, i);
    const fill = (text: string) =>
      text.replace('{coin}', coin).replace('{up}', pick(UP, i)).replace('{down}', pick(DOWN, i));
    numbers.push({ kind: 'same', capability, texts: [fill(a), fill(b)] });
  });
  return [...coins, ...numbers];
}

function directional(): Case[] {
  const capability = 'directional changes';
  const worse = ['after a major hack', 'as regulators sue the exchange', 'amid heavy liquidations'];
  const better = [
    'as record inflows pour in',
    'after a big partnership',
    'as buyers return in force',
  ];
  const cases: Case[] = [];
  COINS.forEach((coin, i) => {
    const base = pick(FLAT, i).replace('{coin}', coin);
    cases.push(
      {
        kind: 'towards',
        capability,
        texts: [base, `${base} ${pick(worse, i)}`],
        towards: 'bearish',
      },
      {
        kind: 'towards',
        capability,
        texts: [base, `${base} ${pick(better, i)}`],
        towards: 'bullish',
      },
    );
  });
  return cases;
}

export function behaviouralSuite(): Case[] {
  return [
    ...minimumFunctionality(),
    ...negation(),
    ...intensifiers(),
    ...invariance(),
    ...directional(),
  ];
}

/** Every text of a case, for the check that the suite never overlaps the training data. */
export function caseTexts(item: Case): string[] {
  return item.kind === 'label' ? [item.text] : item.texts;
}

/** Scores per label for a batch of texts, as the pipeline returns with `top_k: null`. */
export type Scorer = (texts: string[]) => Promise<Record<string, number>[]>;

export interface CapabilityResult {
  capability: string;
  passed: number;
  total: number;
  failures: string[];
}

/**
 * Runs the suite through a scorer. `labelOf` maps a market label to the model's label, or
 * undefined when the model has no such label (the binary model has no neutral).
 */
export async function runSuite(
  score: Scorer,
  labelOf: (polarity: Polarity) => string | undefined,
): Promise<CapabilityResult[]> {
  const cases = behaviouralSuite().filter((item) => applies(item, labelOf));
  const texts = [...new Set(cases.flatMap(caseTexts))];
  const scores = await score(texts);
  const byText = new Map(texts.map((text, i) => [text, scores[i]]));
  return CAPABILITIES.map((capability) => {
    const mine = cases.filter((item) => item.capability === capability);
    const failures = mine.filter((item) => !passes(item, byText, labelOf)).map(describe);
    return { capability, passed: mine.length - failures.length, total: mine.length, failures };
  });
}

function applies(item: Case, labelOf: (p: Polarity) => string | undefined): boolean {
  if (item.kind === 'same') {
    return true;
  }
  const polarity =
    item.kind === 'label'
      ? item.expect.replace('!', '')
      : item.kind === 'towards'
        ? item.towards
        : item.expect;
  return labelOf(polarity as Polarity) !== undefined;
}

function top(scores: Record<string, number>): string {
  return Object.entries(scores).sort(([, a], [, b]) => b - a)[0][0];
}

function passes(
  item: Case,
  byText: Map<string, Record<string, number>>,
  labelOf: (p: Polarity) => string | undefined,
): boolean {
  const at = (text: string) => byText.get(text) as Record<string, number>;
  switch (item.kind) {
    case 'label': {
      const negated = item.expect.startsWith('!');
      const label = labelOf(item.expect.replace('!', '') as Polarity);
      return negated ? top(at(item.text)) !== label : top(at(item.text)) === label;
    }
    case 'same':
      return top(at(item.texts[0])) === top(at(item.texts[1]));
    case 'towards': {
      const label = labelOf(item.towards) as string;
      return at(item.texts[1])[label] > at(item.texts[0])[label];
    }
    case 'stronger': {
      const label = labelOf(item.expect) as string;
      const [before, after] = item.texts.map(at);
      return top(before) === label && top(after) === label && after[label] >= before[label];
    }
  }
}

function describe(item: Case): string {
  return caseTexts(item).join(' → ');
}
