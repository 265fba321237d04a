/**
 * Builds a WordPiece vocabulary from training texts and writes it in the HuggingFace tokenizers
 * format, so transformers.js loads it with its own BERT tokenizer at training and at run time.
 */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

export interface VocabOptions {
  /** Whole words seen at least this often are kept. */
  minWordCount: number;
  maxWords: number;
  /** Frequent word starts and `##` endings, so unseen words still split into known pieces. */
  maxPieces: number;
}

export const DEFAULT_VOCAB_OPTIONS: VocabOptions = {
  minWordCount: 2,
  maxWords: 12_000,
  maxPieces: 3_000,
};

/** What BertNormalizer + BertPreTokenizer do, closely enough to count words for the vocabulary. */
export function preTokenize(text: string): string[] {
  const normalised = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
  return normalised.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/**
 * Special tokens, every character, the frequent training words, `extraWords` (pretrained
 * vocabulary and the feature word lists), then frequent word starts and endings.
 */
export function buildVocab(
  texts: readonly string[],
  options = DEFAULT_VOCAB_OPTIONS,
  extraWords: readonly string[] = [],
): string[] {
  const words = new Map<string, number>();
  for (const text of texts) {
    for (const word of preTokenize(text)) {
      words.set(word, (words.get(word) ?? 0) + 1);
    }
  }
  const vocab = new Set<string>(SPECIAL_TOKENS);
  for (const char of characters(words)) {
    vocab.add(char).add(`##${char}`);
  }
  const frequent = [...words].filter(([, count]) => count >= options.minWordCount);
  for (const word of mostFrequent(frequent, options.maxWords)) {
    vocab.add(word);
  }
  for (const word of extraWords) {
    vocab.add(word);
  }
  const { starts, ends } = pieces(words);
  for (const piece of mostFrequent([...starts], options.maxPieces)) {
    vocab.add(piece);
  }
  for (const piece of mostFrequent([...ends], options.maxPieces)) {
    vocab.add(`##${piece}`);
  }
  return [...vocab];
}

function characters(words: Map<string, number>): string[] {
  const chars = new Set<string>();
  for (const word of words.keys()) {
    for (const char of word) {
      chars.add(char);
    }
  }
  return [...chars].sort();
}

function pieces(words: Map<string, number>): {
  starts: Map<string, number>;
  ends: Map<string, number>;
} {
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const [word, count] of words) {
    const chars = [...word];
    for (let length = 3; length <= Math.min(6, chars.length - 1); length++) {
      add(starts, chars.slice(0, length).join(''), count);
    }
    for (let length = 2; length <= Math.min(5, chars.length - 2); length++) {
      add(ends, chars.slice(-length).join(''), count);
    }
  }
  return { starts, ends };
}

function add(counts: Map<string, number>, key: string, count: number): void {
  counts.set(key, (counts.get(key) ?? 0) + count);
}

/** Highest count first; ties broken by the string so the order never depends on input order. */
function mostFrequent(entries: [string, number][], limit: number): string[] {
  return entries
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([word]) => word);
}

/** `tokenizer.json` (tokenizers format 1.0) for a BERT-style WordPiece tokenizer over `vocab`. */
export function tokenizerJson(vocab: readonly string[]): object {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, ids: [ids[token]], tokens: [token] });
  const piece = (kind: 'SpecialToken' | 'Sequence', id: string, typeId: number) => ({
    [kind]: { id, type_id: typeId },
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        piece('SpecialToken', '[CLS]', 0),
        piece('Sequence', 'A', 0),
        piece('SpecialToken', '[SEP]', 0),
      ],
      pair: [
        piece('SpecialToken', '[CLS]', 0),
        piece('Sequence', 'A', 0),
        piece('SpecialToken', '[SEP]', 0),
        piece('Sequence', 'B', 1),
        piece('SpecialToken', '[SEP]', 1),
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'DistilBertTokenizer',
    model_max_length: maxLength,
    do_lower_case: true,
    clean_up_tokenization_spaces: true,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
}
