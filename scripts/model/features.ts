/**
 * Word lists the ONNX graph turns into per-token features. They are part of the model (written
 * into the graph as lookup tables over the vocabulary), not rules applied to the output: the
 * classifier still learns every word's meaning from the data.
 */

/**
 * A word that flips the words after it: "not bad", "without a hitch", "fails to rally".
 * "doesn't" reaches the model as doesn ' t: the `t` carries the negation of every n't form.
 */
export const NEGATORS: readonly string[] = words(`
  not no never without nor neither cannot nothing none nobody t isn aren wasn weren doesn didn
  hasn haven hadn wouldn couldn shouldn fail fails failed failing unable lack lacks lacked
  hardly barely avoids avoided
`);

/** A word that strengthens its neighbours: "sharply lower", "very good", "surges strongly". */
export const INTENSIFIERS: readonly string[] = words(`
  very extremely sharply strongly hugely massively deeply highly really incredibly remarkably
  dramatically significantly substantially seriously totally absolutely so too heavily steeply
  wildly extraordinarily exceptionally particularly especially truly utterly most
`);

/**
 * Names that say which asset or when, never how the news is: coins, tickers, months, weekdays.
 * Their tokens weigh nothing in the pooled vector, so swapping one for another cannot change the
 * answer (the invariance capability of the behavioural suite); digits and currency signs too.
 */
export const ENTITY_WORDS: readonly string[] = words(`
  bitcoin btc ethereum ether eth solana sol xrp ripple cardano ada dogecoin doge shiba inu
  shib avalanche avax polkadot dot polygon matic pol chainlink link litecoin ltc tron trx
  toncoin ton near cosmos atom uniswap uni stellar xlm monero xmr algorand algo aptos apt sui
  arbitrum arb optimism op filecoin fil hedera hbar tezos xtz aave maker mkr pepe bnb tether
  usdt usdc dai kaspa kas render rndr injective inj celestia tia bonk floki zcash zec dash eos
  iota vechain vet theta fantom ftm sonic kava stacks stx hyperliquid hype ondo jupiter jup
  sei bch etc mana sand axs gala ape crv curve ldo lido grt wif trump xdc qnt egld flow mina
  rose neo ksm kusama waves zil icp imx immutable january february march april may june july
  august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4 h1 h2 $ € £ % , .
`);

function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

/** How many tokens after a negator it reaches. */
export const NEGATION_REACH = 3;
/** How many tokens either side of an intensifier it reaches, and by how much it scales them. */
export const INTENSIFIER_REACH = 2;
export const INTENSIFIER_BOOST = 0.6;

/** Tokens that name an entity or a number: zero weight in the pooled vector. */
export function isEntityToken(token: string): boolean {
  const bare = token.replace(/^##/, '');
  return ENTITY_SET.has(bare) || /^\p{N}+$/u.test(bare);
}

const ENTITY_SET = new Set<string>(ENTITY_WORDS);

export interface TokenTables {
  /** 0 for special tokens and entities, 1 otherwise. */
  weight: Float32Array;
  negator: Float32Array;
  intensifier: Float32Array;
}

export function tokenTables(vocab: readonly string[], special: ReadonlySet<string>): TokenTables {
  const negators = new Set<string>(NEGATORS);
  const intensifiers = new Set<string>(INTENSIFIERS);
  const table = (test: (token: string) => boolean) =>
    Float32Array.from(vocab, (token) => (test(token) ? 1 : 0));
  return {
    weight: table((t) => !special.has(t) && !isEntityToken(t) && !intensifiers.has(t)),
    negator: table((t) => negators.has(t)),
    intensifier: table((t) => intensifiers.has(t)),
  };
}

/**
 * Per-token pooling weights for one tokenised text, exactly as the ONNX graph computes them:
 * `plain` for tokens outside a negation's reach, `negated` inside it, both divided by the number
 * of weighted tokens so the result is a mean.
 */
export function poolingWeights(
  ids: readonly number[],
  tables: TokenTables,
): { plain: Float32Array; negated: Float32Array } {
  const n = ids.length;
  const plain = new Float32Array(n);
  const negated = new Float32Array(n);
  let count = 0;
  for (const id of ids) {
    count += tables.weight[id];
  }
  const norm = Math.max(count, 1e-9);
  for (let t = 0; t < n; t++) {
    let negation = 0;
    for (let j = 1; j <= NEGATION_REACH && t - j >= 0; j++) {
      negation += tables.negator[ids[t - j]];
    }
    let intensity = 0;
    for (let j = -INTENSIFIER_REACH; j <= INTENSIFIER_REACH; j++) {
      const at = t + j;
      if (j !== 0 && at >= 0 && at < n) {
        intensity += tables.intensifier[ids[at]];
      }
    }
    const w = tables.weight[ids[t]] * (1 + INTENSIFIER_BOOST * Math.min(intensity, 1));
    const s = Math.min(negation, 1);
    negated[t] = Math.fround(w * s) / norm;
    plain[t] = Math.fround(w - Math.fround(w * s)) / norm;
  }
  return { plain, negated };
}
