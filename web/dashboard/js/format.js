const usd2 = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
});
const usdSmall = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 4,
});
const usdCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 2,
});
const plain = new Intl.NumberFormat('en-US');

/** A price: cents above a dollar, four significant digits below. */
export function price(value) {
  if (typeof value !== 'number') {
    return '–';
  }
  return Math.abs(value) >= 1 ? usd2.format(value) : usdSmall.format(value);
}

export function compactUsd(value) {
  return typeof value === 'number' ? usdCompact.format(value) : '–';
}

export function count(value) {
  return typeof value === 'number' ? plain.format(value) : '–';
}

export function pct(value, digits = 2) {
  if (typeof value !== 'number') {
    return '–';
  }
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)} %`;
}

/** `up`, `down` or nothing, for colouring a change. */
export function trend(value) {
  if (typeof value !== 'number' || value === 0) {
    return '';
  }
  return value > 0 ? 'up' : 'down';
}

/** How long ago an instant (ms since epoch) was, in words. */
export function age(ms) {
  const seconds = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (seconds < 2) {
    return 'just now';
  }
  if (seconds < 90) {
    return `${seconds} s ago`;
  }
  if (seconds < 5400) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  if (seconds < 172800) {
    return `${Math.round(seconds / 3600)} h ago`;
  }
  return `${Math.round(seconds / 86400)} d ago`;
}

export function day(iso) {
  return new Date(iso).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
