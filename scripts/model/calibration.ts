/** Temperature scaling (Guo et al. 2017) and the expected calibration error it is judged by. */
import { softmax } from './classifier';

const ECE_BINS = 10;

/** The temperature T that minimises the negative log-likelihood of softmax(logits / T). */
export function fitTemperature(logits: readonly number[][], labels: readonly number[]): number {
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let sum = 0;
    logits.forEach((row, i) => {
      sum -= Math.log(Math.max(softmax(row.map((v) => v / t))[labels[i]], 1e-12));
    });
    return sum;
  };
  // Golden-section search over log T in [-3, 3]: the NLL is unimodal in T.
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [low, high] = [-3, 3];
  for (let i = 0; i < 60; i++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (nll(a) < nll(b)) {
      high = b;
    } else {
      low = a;
    }
  }
  return Math.fround(Math.exp((low + high) / 2));
}

/** ECE: the gap between confidence and accuracy, averaged over 10 equal-width confidence bins. */
export function expectedCalibrationError(
  probabilities: readonly number[][],
  labels: readonly number[],
): number {
  const bins = Array.from({ length: ECE_BINS }, () => ({ count: 0, confidence: 0, right: 0 }));
  probabilities.forEach((row, i) => {
    const confidence = Math.max(...row);
    const bin = bins[Math.min(ECE_BINS - 1, Math.floor(confidence * ECE_BINS))];
    bin.count++;
    bin.confidence += confidence;
    bin.right += row.indexOf(confidence) === labels[i] ? 1 : 0;
  });
  return bins.reduce(
    (sum, bin) =>
      sum + (bin.count === 0 ? 0 : Math.abs(bin.right - bin.confidence) / labels.length),
    0,
  );
}
